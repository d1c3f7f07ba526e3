package com.chengshi.hotline.calllog;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.api.ErrorCode;
import org.h2.mvstore.MVStoreException;

import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection to an H2 database that has closed itself. H2 closes an embedded
 * database for good after a failed write (a full disk): its connections stay broken, also once there is space again,
 * while a new connection opens the database afresh. Hikari does not know H2's codes for this, so without this the
 * call log would stay down until a restart. Named in {@code spring.datasource.hikari.exception-override-class-name}.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        boolean closedOrFailedWrite = e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
                || e.getErrorCode() == ErrorCode.GENERAL_ERROR_1 && e.getCause() instanceof MVStoreException;
        return closedOrFailedWrite ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
