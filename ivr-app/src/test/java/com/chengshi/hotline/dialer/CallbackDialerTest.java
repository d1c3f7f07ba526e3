package com.chengshi.hotline.dialer;

import com.chengshi.hotline.LogLines;
import com.chengshi.hotline.PostgresTestDatabase;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.Outcome;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The callback dialer against Asterisk's Manager Interface as two real Asterisk 22 sessions captured it (capture 16's
 * Originate outcomes; asterisk-java's own login, captured on the lab Asterisk), replayed by {@link FakeAmiPeer} over a
 * socket: what the dialer sends is read off the wire, and what it does with each outcome off the database.
 */
class CallbackDialerTest {

    /** Monday 2026-11-23, 10:00 in the hotline's time zone (Asia/Shanghai): within the default service hours. */
    private static final Instant MONDAY_10_00 = Instant.parse("2026-11-23T02:00:00Z");
    private static final String TRUNK = "@hotline-trunk";

    private final MutableClock clock = new MutableClock(MONDAY_10_00);
    private final Map<String, String> config = new HashMap<>();
    private final List<CallbackDialer> dialers = new ArrayList<>();
    private DataSource database;
    private PostgresTestDatabase postgres;
    private JdbcClient jdbc;
    private CallLog callLog;
    private FakeAmiPeer asterisk;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        useStore(h2);
        asterisk = new FakeAmiPeer(capture("18-ami-asterisk-java-login-originate.txt"),
                sharedCapture("16-ami-originate.txt"));
        config.put("hotline.dialer.ami.port", String.valueOf(asterisk.port()));
        config.put("hotline.dialer.ami.secret", "lab-dialer-secret");
        config.put("hotline.node-id", "node-a");
        config.put("hotline.flow.hold.queue", "hotline-agents");
    }

    /** The call log the dialer and the flow share, on {@code store}. */
    private void useStore(DataSource store) {
        if (callLog != null) {
            callLog.close();
        }
        database = store;
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
        callLog = new CallLog(jdbc, new DataSourceTransactionManager(database), clock,
                new Binder(new MapConfigurationPropertySource(Map.of("hotline.node-id", "node-a")))
                        .bindOrCreate("hotline", NodeProperties.class));
    }

    @AfterEach
    void stop() throws Exception {
        dialers.forEach(CallbackDialer::stop);
        asterisk.close();
        callLog.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A capture of ../shared/asterisk-captures, read where it is (CI puts ../shared beside the project). */
    private static AmiTranscript sharedCapture(String name) throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path capture = dir.resolve("shared/asterisk-captures").resolve(name);
            if (Files.isRegularFile(capture)) {
                return AmiTranscript.read(capture);
            }
        }
        throw new IllegalStateException("No shared/asterisk-captures/" + name + " above " + Path.of("").toAbsolutePath()
                + ": the AMI tests replay it; CI provides ../shared beside the project.");
    }

    /** A capture made for the project itself, kept with its tests. */
    private static AmiTranscript capture(String name) throws Exception {
        return AmiTranscript.read(Path.of(CallbackDialerTest.class.getResource("/captures/" + name).toURI()));
    }

    private CallbackDialer dialer() {
        return dialer(config);
    }

    private CallbackDialer dialer(Map<String, String> settings) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        CallbackDialer dialer = new CallbackDialer(binder.bindOrCreate("hotline.dialer", DialerProperties.class),
                binder.bindOrCreate("hotline.flow", FlowProperties.class),
                binder.bindOrCreate("hotline.agi", AgiProperties.class),
                binder.bindOrCreate("hotline", NodeProperties.class), jdbc,
                new DataSourceTransactionManager(database), callLog, clock);
        dialers.add(dialer);
        return dialer;
    }

    /** A caller left a callback request on {@code number}, as the flow records it; returns its id. */
    private long requested(String number) {
        callLog.record(new CallDetails("in-" + number + "-" + UUID.randomUUID(), "PJSIP/1001-1", number, null, "100",
                7, "zh-CN"), journal -> {
                    journal.callbackRequested(FollowUp.CALLBACK, number, "/var/spool/asterisk/monitor/x");
                    journal.ended(Outcome.CALLBACK_REQUESTED, null);
                    return null;
                });
        return jdbc.sql("select max(id) from callback_request").query(Long.class).single();
    }

    private Map<String, Object> request(long id) {
        return jdbc.sql("select * from callback_request where id = ?").param(id).query().singleRow();
    }

    private List<Map<String, Object>> outboundCalls() {
        return jdbc.sql("select * from hotline_call where direction = 'OUT' order by id").query().listOfRows();
    }

    private List<Map<String, Object>> history(long id) {
        return jdbc.sql("select status, note, changed_by from callback_update where callback_id = ? order by id")
                .param(id).query().listOfRows();
    }

    private List<String> originate(int n) {
        await().until(() -> asterisk.received("Originate").size() > n);
        return asterisk.received("Originate").get(n);
    }

    private void awaitReleased(long id) {
        await().until(() -> request(id).get("DIALLING_NUMBER") == null);
    }

    @Test
    void anOpenRequestIsOriginatedIntoTheCallbackContextWithWhatItsScriptNeeds() throws Exception {
        long id = requested("13800138001");
        asterisk.answer("PJSIP/13800138001" + TRUNK, "orig-answer");
        CallbackDialer dialer = dialer();

        dialer.pollNow();

        assertThat(asterisk.received().stream().map(a -> a.get(0)).toList())
                .startsWith("action: Challenge", "action: Login", "action: CoreSettings", "action: Originate");
        List<String> originate = originate(0);
        String channelId = AmiTranscript.header(originate, "ChannelId").orElseThrow();
        assertThat(channelId).startsWith("callback-" + id + "-1-");
        assertThat(originate).contains("channel: PJSIP/13800138001@hotline-trunk", "context: hotline-callback",
                "exten: s", "priority: 1", "timeout: 30000", "async: true", "callerid: \"Hotline\" <4000000000>",
                "actionid: " + AmiTranscript.header(originate, "ActionID").orElseThrow().replaceAll("#.*", "#")
                        + channelId,
                "variable: HOTLINE_CALLBACK=request=" + id + "&attempt=1&requested="
                        + MONDAY_10_00.getEpochSecond() + "&by=node-a&number=13800138001&lang=zh-CN");
        // The captured call answered, ran Wait(2) and hung up: the number is free again. The answered call's row is
        // its FastAGI call's, not the dialer's.
        awaitReleased(id);
        assertThat(request(id)).containsEntry("ATTEMPTS", 1).containsEntry("STATUS", "OPEN");
        assertThat(outboundCalls()).isEmpty();
        assertThat(dialer.inProgress()).isZero();
    }

    @Test
    void aBusyNumberIsInTheCallLogAndIsCalledAgainOnlyAfterTheSpacing() throws Exception {
        long id = requested("13800138002");
        asterisk.answer("PJSIP/13800138002" + TRUNK, "orig-busy");
        CallbackDialer dialer = dialer();

        dialer.pollNow();
        awaitReleased(id);

        assertThat(outboundCalls()).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("OUTCOME", "BUSY").containsEntry("CALLBACK_ID", id).containsEntry("ATTEMPT", 1)
                .containsEntry("DIALLED_NUMBER", "13800138002").containsEntry("ENDED_IN_STEP", "dialling")
                .containsEntry("CHANNEL", "PJSIP/13800138002@hotline-trunk"));
        await().until(() -> !history(id).isEmpty());
        assertThat(history(id)).extracting(u -> u.get("STATUS") + " " + u.get("NOTE") + " by " + u.get("CHANGED_BY"))
                .containsExactly("NO_ANSWER attempt 1: BUSY by dialer@node-a");
        assertThat(request(id).get("NEXT_ATTEMPT_AT")).isNotNull();

        clock.advance(Duration.ofMinutes(29));
        dialer.pollNow();
        assertThat(asterisk.received("Originate")).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        dialer.pollNow();
        assertThat(originate(1)).anyMatch(line -> line.contains("&attempt=2&"));
    }

    @Test
    void noAnswerAndAnEndpointThatDoesNotExistAreEachLoggedAsSuch() throws Exception {
        long ringing = requested("13800138003");
        long unknown = requested("13800138004");
        asterisk.answer("PJSIP/13800138003" + TRUNK, "orig-noanswer")
                .answer("PJSIP/13800138004" + TRUNK, "orig-noendpoint");

        dialer().pollNow();
        awaitReleased(ringing);
        awaitReleased(unknown);

        assertThat(outboundCalls()).extracting(call -> call.get("CALLBACK_ID") + " " + call.get("OUTCOME"))
                .containsExactlyInAnyOrder(ringing + " NO_ANSWER", unknown + " DIAL_FAILED");
    }

    @Test
    void whenEveryAttemptIsUsedTheRequestIsLeftToTheTeamAsGaveUp() throws Exception {
        config.put("hotline.dialer.max-attempts", "2");
        long id = requested("13800138002");
        asterisk.answer("PJSIP/13800138002" + TRUNK, "orig-busy");
        CallbackDialer dialer = dialer();

        dialer.pollNow();
        awaitReleased(id);
        clock.advance(Duration.ofMinutes(30));
        dialer.pollNow();
        originate(1);
        await().until(() -> outboundCalls().size() == 2);
        awaitReleased(id);
        clock.advance(Duration.ofMinutes(30));
        dialer.pollNow();

        assertThat(asterisk.received("Originate")).hasSize(2);
        assertThat(request(id)).containsEntry("STATUS", "GAVE_UP").containsEntry("ATTEMPTS", 2);
        assertThat(history(id)).extracting(u -> u.get("STATUS") + ": " + u.get("NOTE")).containsExactly(
                "NO_ANSWER: attempt 1: BUSY", "NO_ANSWER: attempt 2: BUSY",
                "GAVE_UP: all 2 attempts used without reaching the customer");
    }

    @Test
    void atMostMaxConcurrentCallsAreUpAtOnce() throws Exception {
        for (int n = 1; n <= 3; n++) {
            requested("1380013800" + n);
            asterisk.answerAndHold("PJSIP/1380013800" + n + TRUNK, "orig-answer");
        }
        CallbackDialer dialer = dialer();

        dialer.pollNow();
        originate(1);
        dialer.pollNow();
        assertThat(asterisk.received("Originate")).hasSize(2);

        asterisk.hangUp("PJSIP/13800138001" + TRUNK);
        await().until(() -> dialer.inProgress() == 1);
        dialer.pollNow();
        assertThat(originate(2)).contains("channel: PJSIP/13800138003" + TRUNK);
    }

    @Test
    void aNumberIsNeverCalledTwiceAtOnceEvenForTwoRequests() throws Exception {
        long first = requested("13800138001");
        long second = requested("13800138001");
        asterisk.answerAndHold("PJSIP/13800138001" + TRUNK, "orig-answer");
        CallbackDialer dialer = dialer();

        dialer.pollNow();
        dialer.pollNow();
        assertThat(originate(0)).anyMatch(line -> line.contains("request=" + first + "&"));
        assertThat(asterisk.received("Originate")).hasSize(1);

        asterisk.hangUp("PJSIP/13800138001" + TRUNK);
        awaitReleased(first);
        asterisk.answer("PJSIP/13800138001" + TRUNK, "orig-answer");
        dialer.pollNow();
        assertThat(originate(1)).anyMatch(line -> line.contains("request=" + second + "&"));
    }

    @Test
    void callsArePlacedOnlyWithinTheServiceHoursAndDaysInTheHotlinesTimeZone() throws Exception {
        config.put("hotline.dialer.days", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY");
        requested("13800138001");
        asterisk.answer("PJSIP/13800138001" + TRUNK, "orig-answer");
        CallbackDialer dialer = dialer();

        clock.set(Instant.parse("2026-11-23T00:59:00Z")); // 08:59 on Monday in Shanghai
        dialer.pollNow();
        clock.set(Instant.parse("2026-11-22T04:00:00Z")); // 12:00 on Sunday
        dialer.pollNow();
        clock.set(Instant.parse("2026-11-23T12:00:00Z")); // 20:00 on Monday: closed
        dialer.pollNow();
        assertThat(asterisk.received("Originate")).isEmpty();

        clock.set(Instant.parse("2026-11-23T01:00:00Z")); // 09:00
        dialer.pollNow();
        assertThat(originate(0)).isNotEmpty();
    }

    @Test
    void twoNodesNeverCallTheSameRequest() throws Exception {
        long id = requested("13800138001");
        asterisk.answerAndHold("PJSIP/13800138001" + TRUNK, "orig-answer");
        CallbackDialer a = dialer();
        Map<String, String> other = new HashMap<>(config);
        other.put("hotline.node-id", "node-b");
        CallbackDialer b = dialer(other);

        for (int round = 0; round < 20; round++) {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> poll(a)), CompletableFuture.runAsync(() -> poll(b)))
                    .get();
        }

        assertThat(originate(0)).anyMatch(line -> line.contains("request=" + id + "&"));
        assertThat(asterisk.received("Originate")).hasSize(1);
        assertThat(request(id).get("DIALLING_BY")).isIn("node-a", "node-b");
    }

    @Test
    void twoNodesOnPostgresqlNeverCallTheSameRequestEither() throws Exception {
        postgres = PostgresTestDatabase.create();
        useStore(postgres.dataSource());
        twoNodesNeverCallTheSameRequest();
    }

    @Test
    void onPostgresqlABusyNumberIsLoggedAndCalledAgainAfterTheSpacing() throws Exception {
        postgres = PostgresTestDatabase.create();
        useStore(postgres.dataSource());
        aBusyNumberIsInTheCallLogAndIsCalledAgainOnlyAfterTheSpacing();
    }

    private static void poll(CallbackDialer dialer) {
        try {
            dialer.pollNow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLostAmiConnectionIsOneLineAndItsReturnAnotherAndCallsGoOnAfterIt() throws Exception {
        long first = requested("13800138001");
        asterisk.answer("PJSIP/13800138001" + TRUNK, "orig-answer");
        CallbackDialer dialer = dialer();
        dialer.pollNow();
        originate(0);
        awaitReleased(first);

        try (LogLines log = LogLines.capture()) {
            asterisk.stop();
            await().until(() -> messages(log).stream().anyMatch(m -> m.startsWith("Lost the AMI connection")));
            long meanwhile = requested("13800138002");
            dialer.pollNow();
            assertThat(request(meanwhile)).containsEntry("ATTEMPTS", 0);
            asterisk.restart();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> messages(log).stream().anyMatch(m -> m.contains("is back")));

            // asterisk-java says it is connected a moment before it takes actions: a poll meanwhile waits for the next.
            asterisk.answer("PJSIP/13800138002" + TRUNK, "orig-busy");
            await().until(() -> {
                dialer.pollNow();
                return outboundCalls().size() == 1;
            });
            assertThat(outboundCalls().get(0)).containsEntry("CALLBACK_ID", meanwhile).containsEntry("OUTCOME", "BUSY");
            assertThat(messages(log)).filteredOn(m -> m.contains("AMI connection")).containsExactly(
                    "Lost the AMI connection to hotline-dialer@127.0.0.1:" + asterisk.port()
                            + ": calls back wait until it is back (asterisk-java reconnects)",
                    "AMI connection to hotline-dialer@127.0.0.1:" + asterisk.port() + " is back");
        }
    }

    private static List<String> messages(LogLines log) {
        return log.all().stream().filter(line -> line.getLoggerName().startsWith("com.chengshi"))
                .map(line -> line.getFormattedMessage()).toList();
    }

    @Test
    void theDialerSendsTheOriginateItSentToTheRealAsteriskAndTakesItsBusyAsBusy() throws Exception {
        // As the end-to-end test ran it on the lab Asterisk (capture 19).
        AmiTranscript captured = capture("19-ami-dialer-busy.txt");
        asterisk.close();
        asterisk = new FakeAmiPeer(captured);
        config.putAll(Map.of("hotline.dialer.ami.port", String.valueOf(asterisk.port()), "hotline.node-id", "e2e",
                "hotline.dialer.dial-string", "PJSIP/1001/sip:{number}@127.0.0.1:57873",
                "hotline.dialer.ring-timeout", "10s"));
        clock.set(Instant.ofEpochSecond(1796182447));
        long id = requested("13800138002");
        AmiTranscript.Exchange first = captured.find("Action", "Originate").orElseThrow();
        asterisk.answer("PJSIP/1001/sip:13800138002@127.0.0.1:57873", first.header("ChannelId").orElseThrow());

        dialer().pollNow();

        assertThat(originate(0).stream().map(CallbackDialerTest::withoutIds).toList())
                .containsExactlyInAnyOrderElementsOf(first.action().stream().map(CallbackDialerTest::withoutIds)
                        .toList());
        await().until(() -> outboundCalls().size() == 1);
        assertThat(outboundCalls().get(0)).containsEntry("CALLBACK_ID", id).containsEntry("OUTCOME", "BUSY");
    }

    /** An action's line with asterisk-java's internal action id and the channel id's random part left out. */
    private static String withoutIds(String line) {
        return line.replaceAll("[0-9]+_[0-9]+#", "<n>#").replaceAll("(callback-[0-9]+-[0-9]+-)[0-9a-z]+", "$1<id>");
    }

    @Test
    void howAFailedOriginateEndedIsToldByItsReasonOrItsChannelsCause() {
        assertThat(CallbackDialer.unanswered(3, null)).isEqualTo(Outcome.NO_ANSWER);
        assertThat(CallbackDialer.unanswered(5, null)).isEqualTo(Outcome.BUSY);
        assertThat(CallbackDialer.unanswered(0, 17)).isEqualTo(Outcome.BUSY); // a SIP 486, capture 16
        assertThat(CallbackDialer.unanswered(0, null)).isEqualTo(Outcome.DIAL_FAILED);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
