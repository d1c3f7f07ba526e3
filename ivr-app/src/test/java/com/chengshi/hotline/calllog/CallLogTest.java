package com.chengshi.hotline.calllog;

import com.chengshi.hotline.linecheck.LineReport;
import com.chengshi.hotline.linecheck.Verdict;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
        journal.callbackRequested("13800138000", "/var/spool/asterisk/monitor/hotline-callback-1");
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
    void callsLeftOpenByACrashAreClosedAsInterruptedAtStartKeepingWhatWasWritten() {
        JdbcClient db = database();
        CallLog crashed = callLog(db, Clock.systemUTC());
        CallJournal cutOff = crashed.open(CALL);
        cutOff.step("menu");
        cutOff.digits("1");
        crashed.flush();

        callLog(db, Clock.systemUTC());

        assertThat(db.sql("select * from hotline_call").query().singleRow())
                .containsEntry("OUTCOME", "INTERRUPTED");
        assertThat(db.sql("select count(*) from call_event where step = 'menu'").query(Integer.class).single())
                .isEqualTo(1);
    }
}
