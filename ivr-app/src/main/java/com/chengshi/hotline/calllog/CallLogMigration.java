package com.chengshi.hotline.calllog;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * Migrates the call log, taking a log made before its first migration was written for PostgreSQL too as it is. V1
 * then gave the ids H2's {@code auto_increment}, which in H2 is the identity column V1 now declares in standard SQL:
 * the tables are the same and only V1's checksum differs, on which Flyway would refuse to start. For such a log, and
 * only when V1's recorded checksum is that old one, V1's new checksum is recorded (Flyway's repair); any other
 * mismatch is refused as ever.
 */
@Component
class CallLogMigration implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(CallLogMigration.class);
    /** Flyway's checksum of V1__call_log.sql with {@code bigint auto_increment} ids. */
    static final int V1_BEFORE_POSTGRESQL = 1806941041;

    @Override
    public void migrate(Flyway flyway) {
        boolean v1BeforePostgresql = Arrays.stream(flyway.info().applied())
                .anyMatch(applied -> applied.getVersion() != null && applied.getVersion().getVersion().equals("1")
                        && Integer.valueOf(V1_BEFORE_POSTGRESQL).equals(applied.getChecksum()));
        if (v1BeforePostgresql) {
            log.info("The call log's first migration is recorded as written before PostgreSQL: the same tables, "
                    + "recording its new checksum");
            flyway.repair();
        }
        flyway.migrate();
    }
}
