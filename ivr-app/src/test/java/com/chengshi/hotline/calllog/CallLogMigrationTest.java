package com.chengshi.hotline.calllog;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallLogMigrationTest {

    @TempDir
    Path dataDir;

    private final JdbcDataSource dataSource = new JdbcDataSource();

    @Test
    void aCallLogMadeBeforeV1WasPortableIsMigratedWithItsCalls() {
        JdbcClient db = logWithV1("classpath:db/before-postgresql");
        db.sql("insert into hotline_call (unique_id, connected_at) values ('1763900000.46', current_timestamp)")
                .update();

        new CallLogMigration().migrate(Flyway.configure().dataSource(dataSource).load());

        assertThat(db.sql("select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not "
                + "null order by \"installed_rank\"").query(String.class).list())
                .containsExactly("1", "2", "4", "5", "6", "7");
        assertThat(db.sql("select unique_id, node_id from hotline_call").query().singleRow())
                .containsEntry("UNIQUE_ID", "1763900000.46").containsEntry("NODE_ID", null);
        db.sql("insert into hotline_call (unique_id, connected_at, node_id) values ('2', current_timestamp, 'a')")
                .update();
        assertThat(db.sql("select max(id) from hotline_call").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anyOtherChangeToAnAppliedMigrationIsStillRefused() throws Exception {
        Path edited = Files.createDirectories(dataDir.resolve("edited"));
        Files.writeString(edited.resolve("V1__call_log.sql"), Files.readString(Path.of(
                "src/main/resources/db/migration/V1__call_log.sql")) + "\ncreate table edited (id int);\n");
        logWithV1("filesystem:" + edited);

        assertThatThrownBy(() -> new CallLogMigration().migrate(Flyway.configure().dataSource(dataSource).load()))
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");
    }

    /** A call log on which only a V1 from {@code location} has been applied. */
    private JdbcClient logWithV1(String location) {
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
        Flyway.configure().dataSource(dataSource).locations(location).target("1").load().migrate();
        return JdbcClient.create(dataSource);
    }
}
