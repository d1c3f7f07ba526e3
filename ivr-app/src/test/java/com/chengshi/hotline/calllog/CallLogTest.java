package com.chengshi.hotline.calllog;

import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Retry;
import com.chengshi.hotline.flow.Verdict;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CallLogTest {

    private static final CallDetails CALL = new CallDetails("1763900000.46", "PJSIP/1001-00000001", "1001", "Li Lei",
            "100", 7, "zh-CN");

    @TempDir
    Path dataDir;

    private JdbcDataSource dataSource;

    private JdbcClient database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        return JdbcClient.create(dataSource);
    }

    private CallLog callLog(JdbcClient db, Clock clock) {
        return new CallLog(db, new DataSourceTransactionManager(dataSource), clock);
    }

    @Test
    void aCallerIdLongerThanItsColumnIsCutAndNotedNeverLost() {
        JdbcClient db = database();
        CallLog log = callLog(db, Clock.systemUTC());
        String number = "1".repeat(300);
        CallJournal journal = log.open(new CallDetails("1763900000.47", "PJSIP/trunk-" + "x".repeat(200), number,
                "名".repeat(500), "100", 7, "zh-CN"));
        journal.ended(Outcome.COMPLETED, HungUpBy.CALLER);
        log.flush();

        Map<String, Object> row = db.sql("select * from hotline_call").query().singleRow();
        assertThat(row.get("CALLER_NUMBER")).isEqualTo("1".repeat(64));
        assertThat(row.get("CALLER_NAME")).isEqualTo("名".repeat(128));
        assertThat(row.get("OUTCOME")).isEqualTo("COMPLETED");
        assertThat(db.sql("select detail from call_event order by id").query(String.class).list()).contains(
                "caller_number cut from 300 characters to 64", "caller_name cut from 500 characters to 128",
                "channel cut from 212 characters to 128");
    }

    @Test
    void aNoteLongerThanItsColumnIsCutNotRefused() {
        JdbcClient db = database();
        CallLog log = callLog(db, Clock.systemUTC());
        CallJournal journal = log.open(CALL);
        journal.note("error: " + "x".repeat(4000));
        journal.digits("1".repeat(100));
        log.flush();

        List<Map<String, Object>> events = db.sql("select detail, digits from call_event order by id").query()
                .listOfRows();
        assertThat(events).hasSize(2);
        assertThat((String) events.get(0).get("DETAIL")).hasSize(512).endsWith("…");
        assertThat((String) events.get(1).get("DIGITS")).hasSize(64);
    }

    @Test
    void controlCharactersFromTheCallerNeverReachTheLog() {
        CallDetails call = new CallDetails("1.2", "PJSIP/1001", "1001\u0000\r\nHANGUP", "Li\u001b[31mLei", "100", 7,
                "zh-CN");

        assertThat(call.callerNumber()).isEqualTo("1001\uFFFD\uFFFD\uFFFDHANGUP");
        assertThat(call.callerName()).isEqualTo("Li\uFFFD[31mLei");
    }

    @Test
    void callIsWrittenAsItGoesWithItsEventsAndHowItEnded() {
        JdbcClient db = database();
        CallLog log = callLog(db, Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
        CallJournal journal = log.open(CALL);
        journal.step("greeting");
        journal.answered();
        journal.prompt("greeting-morning");
        journal.step("line-check");
        journal.heard(new LineReport(Verdict.QUIET, -47.5, -70.1, 22.6, 1300, 2100, null));
        journal.retry(Retry.QUIET);
        journal.retry(Retry.QUIET);
        journal.step("menu");
        journal.digits("2");
        journal.callbackRequested(FollowUp.CALLBACK, "13800138000", "/var/spool/asterisk/monitor/hotline-callback-1");
        journal.ended(Outcome.CALLBACK_REQUESTED, HungUpBy.CALLER);
        journal.ended(Outcome.APP_ERROR, HungUpBy.HOTLINE);
        log.flush();

        Map<String, Object> call = db.sql("select * from hotline_call").query().singleRow();
        assertThat(call).containsEntry("UNIQUE_ID", "1763900000.46").containsEntry("CALLER_NAME", "Li Lei")
                .containsEntry("OUTCOME", "CALLBACK_REQUESTED").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", "menu").containsEntry("QUIET_RETRIES", 2)
                .containsEntry("VERDICT", "QUIET").containsEntry("SPEECH_LEVEL_DBFS", -47.5)
                .containsEntry("NOISE_FLOOR_DBFS", -70.1).containsEntry("SNR_DB", 22.6);
        List<Map<String, Object>> events = db.sql("select * from call_event order by id").query().listOfRows();
        assertThat(events).extracting(e -> e.get("STEP")).containsExactly("greeting", "greeting",
                "line-check", "menu", "menu", "menu");
        assertThat(events).extracting(e -> e.get("PROMPT")).containsExactly(null, "greeting-morning",
                null, null, null, null);
        assertThat(events.get(2)).containsEntry("VERDICT", "QUIET").containsEntry("DECISION_MS", 1300L);
        assertThat(db.sql("select status, callback_number from callback_request").query().singleRow())
                .containsEntry("STATUS", "OPEN").containsEntry("CALLBACK_NUMBER", "13800138000");
    }

    @Test
    void callsLeftOpenByACrashAreClosedAsInterruptedAtTheirLastRecordedEventKeepingWhatWasWritten() {
        JdbcClient db = database();
        Instant connected = Instant.parse("2026-11-23T08:00:00Z");
        var clock = new SteppingClock(connected);
        CallLog crashed = callLog(db, clock);
        CallJournal cutOff = crashed.open(CALL);
        cutOff.step("menu");
        clock.advance(Duration.ofMillis(4_250));
        cutOff.digits("1");
        crashed.flush();
        clock.advance(Duration.ofHours(1));

        callLog(db, clock);

        Map<String, Object> call = db.sql("select outcome, ended_in_step from hotline_call").query().singleRow();
        assertThat(call).containsEntry("OUTCOME", "INTERRUPTED").containsEntry("ENDED_IN_STEP", "menu");
        assertThat(db.sql("select ended_at from hotline_call").query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(connected.plusMillis(4_250));
        assertThat(db.sql("select count(*) from call_event where step = 'menu'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aCallThatReachesUsWhileTheStoreIsDownIsRecordedWhenItIsBack() {
        JdbcClient db = database();
        var store = new SwitchableDataSource(dataSource);
        CallLog log = new CallLog(JdbcClient.create(store), new DataSourceTransactionManager(store),
                Clock.systemUTC());
        store.down = true;

        CallJournal journal = log.open(CALL);
        journal.step("greeting");
        journal.prompt("greeting-morning");
        journal.ended(Outcome.COMPLETED, HungUpBy.CALLER);
        log.flush();

        assertThat(log.failing()).isPresent();
        assertThat(db.sql("select count(*) from hotline_call").query(Integer.class).single()).isZero();

        store.down = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> log.failing().isEmpty() && log.keptWrites() == 0);

        assertThat(db.sql("select unique_id, outcome from hotline_call").query().singleRow())
                .containsEntry("UNIQUE_ID", "1763900000.46").containsEntry("OUTCOME", "COMPLETED");
        assertThat(db.sql("select prompt from call_event where prompt is not null").query(String.class).list())
                .containsExactly("greeting-morning");
        log.close();
    }

    /** A clock the test moves on. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The store as a full disk leaves it: no connection while it is down. */
    private static final class SwitchableDataSource extends DelegatingDataSource {
        volatile boolean down;

        SwitchableDataSource(DataSource store) {
            super(store);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("No space left on device");
            }
            return super.getConnection();
        }
    }
}
