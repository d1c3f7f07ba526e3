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
import com.chengshi.hotline.PostgresTestDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

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

    static final NodeProperties NODE = node("node-a");

    /** Every test runs on both stores, through the same migrations: the embedded H2 file and PostgreSQL. */
    enum Store { H2, POSTGRESQL }

    @TempDir
    Path dataDir;

    private DataSource dataSource;
    private PostgresTestDatabase postgres;

    private JdbcClient database(Store store) {
        if (store == Store.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
            dataSource = h2;
        } else {
            postgres = PostgresTestDatabase.create();
            dataSource = postgres.dataSource();
        }
        Flyway.configure().dataSource(dataSource).load().migrate();
        return JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static NodeProperties node(String id) {
        return new NodeProperties(id, Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    private CallLog callLog(JdbcClient db, Clock clock) {
        return callLog(db, clock, NODE);
    }

    private CallLog callLog(JdbcClient db, Clock clock, NodeProperties node) {
        return new CallLog(db, new DataSourceTransactionManager(dataSource), clock, node);
    }

    @ParameterizedTest
    @EnumSource
    void aCallerIdLongerThanItsColumnIsCutAndNotedNeverLost(Store store) {
        JdbcClient db = database(store);
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

    @ParameterizedTest
    @EnumSource
    void aNoteLongerThanItsColumnIsCutNotRefused(Store store) {
        JdbcClient db = database(store);
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

    @ParameterizedTest
    @EnumSource
    void callIsWrittenAsItGoesWithItsEventsAndHowItEnded(Store store) {
        JdbcClient db = database(store);
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

    @ParameterizedTest
    @EnumSource
    void callsLeftOpenByACrashAreClosedAsInterruptedAtTheirLastRecordedEventKeepingWhatWasWritten(Store store) {
        JdbcClient db = database(store);
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

    @ParameterizedTest
    @EnumSource
    void aNodeStartingClosesOnlyItsOwnOpenCallsAndTheOtherNodesCallsEndAsTheyGo(Store store) {
        JdbcClient db = database(store);
        CallLog nodeA = callLog(db, Clock.systemUTC(), node("node-a"));
        CallLog nodeB = callLog(db, Clock.systemUTC(), node("node-b"));
        nodeA.open(new CallDetails("a.1", "PJSIP/1001-a", "1001", "", "100", 7, "zh-CN")).step("menu");
        CallJournal servedByB = nodeB.open(new CallDetails("b.1", "PJSIP/1002-b", "1002", "", "100", 7, "zh-CN"));
        nodeA.flush();
        nodeB.flush();

        callLog(db, Clock.systemUTC(), node("node-a"));
        servedByB.ended(Outcome.COMPLETED, HungUpBy.CALLER);
        nodeB.flush();

        assertThat(db.sql("select unique_id, node_id, outcome from hotline_call order by unique_id").query()
                .listOfRows()).extracting(row -> row.get("unique_id") + " " + row.get("node_id") + " "
                + row.get("outcome")).containsExactly("a.1 node-a INTERRUPTED", "b.1 node-b COMPLETED");
    }

    @ParameterizedTest
    @EnumSource
    void theCallsOfANodeSilentPastDeadAfterAreClosedOnceByAnotherNode(Store store) {
        JdbcClient db = database(store);
        var clock = new SteppingClock(Instant.parse("2026-11-23T08:00:00Z"));
        CallLog dead = callLog(db, clock, node("node-a"));
        CallJournal cutOff = dead.open(CALL);
        cutOff.step("greeting");
        cutOff.prompt("greeting-morning");
        dead.flush();
        clock.advance(Duration.ofMinutes(1));
        CallLog alive = callLog(db, clock, node("node-b"));
        alive.open(new CallDetails("b.1", "PJSIP/1002-b", "1002", "", "100", 7, "zh-CN"));
        alive.flush();
        Nodes survivor = nodes(db, clock, "node-b");
        Nodes another = nodes(db, clock, "node-c");

        assertThat(survivor.closeDeadNodes()).as("node-a was seen a minute ago: alive").isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(survivor.closeDeadNodes()).isEqualTo(1);
        assertThat(another.closeDeadNodes()).as("node-a was taken: nothing left to do").isZero();

        assertThat(db.sql("select unique_id, outcome, ended_in_step from hotline_call order by unique_id").query()
                .listOfRows()).extracting(row -> row.get("outcome") + " " + row.get("ended_in_step"))
                .containsExactly("INTERRUPTED greeting", "null null");
        assertThat(db.sql("select node_id from hotline_node order by node_id").query(String.class).list())
                .containsExactly("node-b");
    }

    @ParameterizedTest
    @EnumSource
    @Timeout(60)
    void aDeadNodeAnotherNodeIsClosingIsPassedByWithoutWaitingForIt(Store store) throws SQLException {
        JdbcClient db = database(store);
        var clock = new SteppingClock(Instant.parse("2026-11-23T08:00:00Z"));
        CallLog dead = callLog(db, clock, node("node-a"));
        dead.open(CALL);
        dead.flush();
        callLog(db, clock, node("node-b"));
        clock.advance(Duration.ofMinutes(3));

        try (Connection closing = dataSource.getConnection()) {
            closing.setAutoCommit(false);
            closing.createStatement().executeQuery("select node_id from hotline_node where node_id = 'node-a' "
                    + "for update").close();

            assertThat(nodes(db, clock, "node-b").closeDeadNodes()).isZero();
            assertThat(db.sql("select count(*) from hotline_call where ended_at is null").query(Integer.class)
                    .single()).isEqualTo(1);
            closing.rollback();
        }
        assertThat(nodes(db, clock, "node-b").closeDeadNodes()).isEqualTo(1);
        assertThat(db.sql("select outcome from hotline_call").query(String.class).single()).isEqualTo("INTERRUPTED");
    }

    private Nodes nodes(JdbcClient db, Clock clock, String id) {
        return new Nodes(db, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock, node(id));
    }

    @ParameterizedTest
    @EnumSource
    void aCallThatReachesUsWhileTheStoreIsDownIsRecordedWhenItIsBack(Store store) {
        JdbcClient db = database(store);
        var switchable = new SwitchableDataSource(dataSource);
        CallLog log = new CallLog(JdbcClient.create(switchable), new DataSourceTransactionManager(switchable),
                Clock.systemUTC(), NODE);
        switchable.down = true;

        CallJournal journal = log.open(CALL);
        journal.step("greeting");
        journal.prompt("greeting-morning");
        journal.ended(Outcome.COMPLETED, HungUpBy.CALLER);
        log.flush();

        assertThat(log.failing()).isPresent();
        assertThat(db.sql("select count(*) from hotline_call").query(Integer.class).single()).isZero();

        switchable.down = false;
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
