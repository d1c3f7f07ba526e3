package com.chengshi.hotline.calllog;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

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

    @Test
    void onPostgresqlEveryDecisionIsLeftToThePool() {
        // The PostgreSQL driver reports SQL states and error code 0: a lost connection is Hikari's own to judge.
        assertThat(eviction.adjudicate(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE))).isEqualTo(Override.CONTINUE_EVICT);
    }
}
