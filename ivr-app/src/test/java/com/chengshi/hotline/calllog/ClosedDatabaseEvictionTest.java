package com.chengshi.hotline.calllog;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedDatabaseEvictionTest {

    private final ClosedDatabaseEviction eviction = new ClosedDatabaseEviction();

    @Test
    void aConnectionToADatabaseThatClosedItselfIsDropped() {
        assertThat(eviction.adjudicate(DbException.get(ErrorCode.DATABASE_IS_CLOSED).getSQLException()))
                .isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void aRefusedStatementLeavesTheConnectionToThePool() {
        assertThat(eviction.adjudicate(DbException.get(ErrorCode.VALUE_TOO_LONG_2, "caller_number", "65")
                .getSQLException())).isEqualTo(Override.CONTINUE_EVICT);
    }
}
