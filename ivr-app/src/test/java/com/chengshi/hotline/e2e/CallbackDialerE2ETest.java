package com.chengshi.hotline.e2e;

import com.chengshi.hotline.IvrApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioSystem;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The callback dialer on a real Asterisk 22 (README, "The callback dialer"): the app logs in to its AMI, finds an open
 * callback request and originates the call back into dialplan/extensions_callback.conf; sipp is the customer, a UAS
 * that answers (and the §15 script runs over FastAGI) or one that is busy (and the next attempt comes after the
 * spacing, until the request is given up).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbackDialerE2ETest {

    static final String WHAT_TO_SET = "Callback dialer end-to-end tests skipped: set HOTLINE_E2E_SIP,"
            + " HOTLINE_E2E_SOUND_DIR, HOTLINE_E2E_AMI=host:port and HOTLINE_E2E_AMI_SECRET of an Asterisk 22 with"
            + " docker/asterisk/manager.conf's user and dialplan/extensions_callback.conf (README, \"End-to-end tests\")";

    private final Map<String, String> env = System.getenv();
    private final E2ESettings settings = E2ESettings.fromEnvironment(env);

    @TempDir
    Path work;

    private ConfigurableApplicationContext app;
    private JdbcTemplate callLog;
    private Process customer;

    @BeforeAll
    void anAsteriskWithAmi() {
        boolean configured = settings != null && env.get("HOTLINE_E2E_AMI") != null
                && env.get("HOTLINE_E2E_AMI_SECRET") != null;
        if (!configured) {
            System.out.println(WHAT_TO_SET);
        }
        assumeTrue(configured, WHAT_TO_SET);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (customer != null) {
            customer.destroy();
        }
    }

    /** The app with its dialer on, dialling sipp on {@code customerPort} as the lab's endpoint 1001 does. */
    private void start(int customerPort, String... more) {
        String[] ami = env.get("HOTLINE_E2E_AMI").split(":");
        List<String> args = new ArrayList<>(List.of(
                "--hotline.data-dir=" + work.resolve("data"),
                "--hotline.prompts.catalogue=" + projectRoot().resolve("prompts/catalogue.yml"),
                "--hotline.prompts.sound-dir=" + settings.soundDir(),
                "--hotline.agi.port=" + settings.agiPort(),
                "--hotline.audiosocket.port=" + settings.audioSocketPort(),
                "--hotline.prompts.asterisk-user=" + settings.asteriskUser(),
                "--hotline.dialer.enabled=true",
                "--hotline.node-id=e2e",
                "--hotline.dialer.ami.host=" + ami[0],
                "--hotline.dialer.ami.port=" + ami[1],
                "--hotline.dialer.ami.username=" + env.getOrDefault("HOTLINE_E2E_AMI_USER", "hotline-dialer"),
                "--hotline.dialer.ami.secret=" + env.get("HOTLINE_E2E_AMI_SECRET"),
                "--hotline.dialer.dial-string=PJSIP/" + settings.user() + "/sip:{number}@127.0.0.1:" + customerPort,
                "--hotline.dialer.opens-at=00:00",
                "--hotline.dialer.closes-at=23:59:59",
                "--hotline.dialer.poll-interval=1s",
                "--hotline.dialer.ring-timeout=10s",
                "--hotline.dialer.spacing=3s",
                "--hotline.dialer.max-attempts=2",
                "--hotline.flow.calling-back.retries=0"));
        // A setting given twice would be bound as a list of both: {@code more} replaces the class's own.
        List<String> overridden = Stream.of(more).map(a -> a.substring(0, a.indexOf('=') + 1)).toList();
        args.removeIf(a -> overridden.stream().anyMatch(a::startsWith));
        args.addAll(List.of(more));
        app = new SpringApplicationBuilder(IvrApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        callLog = new JdbcTemplate(app.getBean(DataSource.class));
    }

    /** A caller left a callback request on {@code number} a moment ago; returns its id. */
    private long requested(String number) {
        callLog.update("insert into hotline_call (unique_id, caller_number, language, connected_at, ended_at, outcome)"
                + " values ('e2e-in', ?, 'zh-CN', current_timestamp, current_timestamp, 'CALLBACK_REQUESTED')", number);
        long call = callLog.queryForObject("select max(id) from hotline_call", Long.class);
        callLog.update("insert into callback_request (call_id, callback_number, status, created_at)"
                + " values (?, ?, 'OPEN', current_timestamp)", call, number);
        return callLog.queryForObject("select max(id) from callback_request", Long.class);
    }

    /** sipp as the customer's phone, on {@code port}, for {@code calls} calls. */
    private void customer(int port, int calls, String... scenario) throws IOException {
        List<String> command = new ArrayList<>(List.of("sipp", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-mi", "127.0.0.1", "-mp", Integer.toString(freeUdpPort()), "-m", Integer.toString(calls),
                "-nostdin", "-timeout", "120s"));
        command.addAll(List.of(scenario));
        customer = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("customer.log").toFile()).start();
    }

    private List<Map<String, Object>> callsBack() {
        return callLog.queryForList("select * from hotline_call where direction = 'OUT' order by id");
    }

    @Test
    void anAnsweringCustomerHearsWhoCallsAndWhenTheyCalledAndIsAskedIfNowIsAGoodTime() throws Exception {
        int port = freeUdpPort();
        customer(port, 1, "-sn", "uas");
        start(port, "--hotline.flow.hold.queue=hotline-e2e-ringing", "--hotline.dialer.spacing=1h");
        long id = requested("13800138001");

        await().atMost(Duration.ofSeconds(90)).until(() -> !callsBack().isEmpty()
                && callsBack().get(0).get("ENDED_AT") != null);

        Map<String, Object> call = callsBack().get(0);
        // sipp's UAS sends no key: the offer is made once (retries 0), and the call ends unconfirmed.
        assertThat(call).containsEntry("CALLBACK_ID", id).containsEntry("ATTEMPT", 1)
                .containsEntry("DIALLED_NUMBER", "13800138001").containsEntry("OUTCOME", "NOT_CONFIRMED");
        assertThat((String) call.get("UNIQUE_ID")).startsWith("callback-" + id + "-1-");
        List<String> prompts = callLog.queryForList("select prompt from call_event where call_id = ? and prompt"
                + " is not null order by id", String.class, call.get("ID"));
        assertThat(prompts).hasSize(4).startsWith("calling-back-hello").endsWith("calling-back-convenient",
                "calling-back-later");
        assertThat(prompts.get(1)).startsWith("calling-back-today-");
        await().until(() -> callLog.queryForObject("select dialling_number from callback_request where id = ?",
                String.class, id) == null);
        assertThat(callLog.queryForObject("select status from callback_request where id = ?", String.class, id))
                .isEqualTo("NO_ANSWER");
        assertThat(customer.waitFor(30, TimeUnit.SECONDS)).as("sipp saw the call end").isTrue();
    }

    @Test
    void aCustomerWhoHasTimeNowPressesOneAndReachesTheAgentsQueue() throws Exception {
        int port = freeUdpPort();
        // The queue's one member rings and never answers (docker/asterisk/queues.conf): no agent in 5 s.
        start(port, "--hotline.flow.hold.queue=hotline-e2e-ringing", "--hotline.flow.hold.max-wait=5s",
                "--hotline.dialer.spacing=1h");
        // The key comes once "who calls" and "when you called" are said, while "is now a good time?" plays.
        long said = lengthMs("calling-back-hello") + Stream.of("morning", "afternoon", "evening")
                .mapToLong(part -> lengthMs("calling-back-today-" + part)).max().orElseThrow();
        Path key = work.resolve("presses-1.pcap");
        RtpPcap.writeKey('1', Duration.ofMillis(said + 2000), key);
        Path scenario = work.resolve("uas-presses-1.xml");
        Files.writeString(scenario, PRESSES_A_KEY.formatted(key), StandardCharsets.ISO_8859_1);
        customer(port, 1, "-sf", scenario.toString());
        long id = requested("13800138005");

        await().atMost(Duration.ofSeconds(90)).until(() -> !callsBack().isEmpty()
                && callsBack().get(0).get("ENDED_AT") != null);

        Map<String, Object> call = callsBack().get(0);
        assertThat(call).containsEntry("CALLBACK_ID", id).containsEntry("OUTCOME", "CALL_BACK_LATER")
                .containsEntry("ENDED_IN_STEP", "waiting-for-caller-to-hang-up");
        List<String> events = callLog.queryForList("select coalesce(prompt, digits, detail) from call_event"
                + " where call_id = ? order by id", String.class, call.get("ID"));
        assertThat(events).containsSubsequence("calling-back-hello", "calling-back-convenient", "1",
                "hold-please-wait", "queue hotline-e2e-ringing: TIMED_OUT", "calling-back-no-agent");
        await().until(() -> "CALL_LATER".equals(callLog.queryForObject(
                "select status from callback_request where id = ?", String.class, id)));
    }

    /** A phone that answers (offering RFC 4733 keys), plays the pcap %s (a key after a pause) and waits for BYE. */
    private static final String PRESSES_A_KEY = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="customer who presses a key">
              <recv request="INVITE" crlf="true"/>
              <send><![CDATA[

                SIP/2.0 200 OK
                [last_Via:]
                [last_From:]
                [last_To:];tag=[pid]SIPpTag01[call_number]
                [last_Call-ID:]
                [last_CSeq:]
                Contact: <sip:[local_ip]:[local_port];transport=[transport]>
                Content-Type: application/sdp
                Content-Length: [len]

                v=0
                o=customer 1 1 IN IP[local_ip_type] [local_ip]
                s=-
                c=IN IP[media_ip_type] [media_ip]
                t=0 0
                m=audio [media_port] RTP/AVP 0 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16

              ]]></send>
              <recv request="ACK" crlf="true"/>
              <nop><action><exec play_pcap_audio="%1$s"/></action></nop>
              <recv request="BYE" timeout="90000"/>
              <send><![CDATA[

                SIP/2.0 200 OK
                [last_Via:]
                [last_From:]
                [last_To:]
                [last_Call-ID:]
                [last_CSeq:]
                Content-Length: 0

              ]]></send>
            </scenario>
            """;

    private long lengthMs(String prompt) {
        try {
            return AudioSystem.getAudioFileFormat(settings.soundDir().resolve("zh-CN/" + prompt + ".wav").toFile())
                    .getFrameLength() / 8;
        } catch (Exception e) {
            throw new IllegalStateException("no rendered " + prompt, e);
        }
    }

    @Test
    void aBusyCustomerIsCalledAgainAfterTheSpacingAndThenLeftToTheTeam() throws Exception {
        Path busy = work.resolve("uas-busy.xml");
        try (var in = CallbackDialerE2ETest.class.getResourceAsStream("/sipp/uas-busy.xml")) {
            Files.copy(in, busy);
        }
        int port = freeUdpPort();
        customer(port, 2, "-sf", busy.toString());
        start(port);
        long id = requested("13800138002");

        await().atMost(Duration.ofSeconds(60)).until(() -> callsBack().size() == 2
                && "GAVE_UP".equals(callLog.queryForObject("select status from callback_request where id = ?",
                String.class, id)));

        assertThat(callsBack()).extracting(c -> c.get("ATTEMPT") + " " + c.get("OUTCOME"))
                .containsExactly("1 BUSY", "2 BUSY");
        assertThat(callLog.queryForList("select status, changed_by from callback_update where callback_id = ?"
                + " order by id", id)).extracting(u -> u.get("STATUS") + " by " + u.get("CHANGED_BY"))
                .containsExactly("NO_ANSWER by dialer@e2e", "NO_ANSWER by dialer@e2e", "GAVE_UP by dialer@e2e");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("prompts/catalogue.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no prompts/catalogue.yml above " + Path.of("").toAbsolutePath());
    }
}
