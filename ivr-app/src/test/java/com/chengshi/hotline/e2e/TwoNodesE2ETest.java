package com.chengshi.hotline.e2e;

import com.chengshi.hotline.PostgresTestDatabase;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.e2e.CallerEar.Stretch;
import com.chengshi.hotline.e2e.SippCaller.HotlineHangsUp;
import com.chengshi.hotline.faults.HotlineProcess;
import com.chengshi.hotline.linecheck.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two hotline nodes, each its own process, on one PostgreSQL call log, behind a real Asterisk 22 whose dialplan lists
 * both (docker/asterisk/extensions.conf: HOTLINE_AGI_NODES). With both up, the first node serves the call; with the
 * first one stopped, Asterisk finds its port closed, the dialplan tries the next node, and the caller is served there
 * from the greeting on, never hearing the apology.
 */
class TwoNodesE2ETest {

    /** The seat the dialplan's globals name: the greeting is the seat's own file. */
    private static final int SEAT = 7;
    /** Asterisk sends a prompt in 20 ms packets; what is heard may differ from the file by a packet or two. */
    private static final long SAME_LENGTH_MS = 100;

    private final E2ESettings settings = E2ESettings.fromEnvironment(System.getenv());

    @TempDir
    Path work;

    @Test
    void withTheFirstNodeStoppedTheCallIsServedWholeByTheSecond() throws Exception {
        if (settings == null) {
            System.out.println(E2ESettings.WHAT_TO_SET);
        }
        assumeTrue(settings != null, E2ESettings.WHAT_TO_SET);
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             HotlineProcess second = node("node-b", settings.secondAgiPort(), database)) {
            JdbcClient callLog = JdbcClient.create(database.dataSource());
            SippCaller sipp = new SippCaller(settings, work);
            short[] silentLine = HotlineE2ETest.loop(
                    WavFiles.readTelephone(Corpus.directory().resolve("silent-001.wav")), 90_000);
            Path pcap = work.resolve("silent.pcap");
            RtpPcap.write(silentLine, pcap);

            try (HotlineProcess first = node("node-a", settings.agiPort(), database)) {
                Served call = call(sipp, pcap, callLog);
                assertThat(call.row()).containsEntry("node_id", "node-a");
            }
            // The dialplan's WARNING (not the VERBOSE line of the Log application that writes it).
            String triedNext = ": Hotline node agi://127.0.0.1:" + settings.agiPort() + " unreachable for";
            long triedNextBefore = settings.asteriskLogLines(triedNext);
            Served call = call(sipp, pcap, callLog);

            assertThat(call.row()).as("served by the second node to its end").containsEntry("node_id", "node-b")
                    .containsEntry("outcome", "SILENT_LINE").containsEntry("hung_up_by", "HOTLINE");
            assertThat(call.prompts()).startsWith("greeting").endsWith("silent-goodbye");
            long promptsMs = call.prompts().stream().mapToLong(this::lengthMs).sum();
            assertThat(call.heard().stream().mapToLong(Stretch::lengthMs).sum())
                    .as("the app's prompts, whole, and no apology before them")
                    .isBetween(promptsMs - 2 * SAME_LENGTH_MS, promptsMs + 2 * SAME_LENGTH_MS);
            if (settings.asteriskLog() != null) {
                assertThat(settings.asteriskLogLines(triedNext))
                        .as("Asterisk's log: the first node tried, then the next").isEqualTo(triedNextBefore + 1);
            }
        }
    }

    private record Served(Map<String, Object> row, List<String> prompts, List<Stretch> heard) {
    }

    /** A silent caller, whom the hotline asks three times and then says goodbye to. */
    private Served call(SippCaller sipp, Path pcap, JdbcClient callLog) throws Exception {
        long lastBefore = callLog.sql("select coalesce(max(id), 0) from hotline_call").query(Long.class).single();
        SippCaller.Result result;
        List<Stretch> heard;
        try (CallerEar ear = new CallerEar()) {
            result = sipp.call(pcap, ear, new HotlineHangsUp(Duration.ofSeconds(120)));
            heard = ear.stretches();
        }
        assertThat(result.exitCode()).as(result.log()).isZero();
        Map<String, Object> row = callLog.sql("select * from hotline_call where id > ? and ended_at is not null")
                .param(lastBefore).query().singleRow();
        List<String> prompts = callLog.sql("select prompt from call_event where call_id = ? and prompt is not null "
                + "order by id").param(row.get("id")).query(String.class).list();
        System.out.println("two nodes: call " + row.get("unique_id") + " served by " + row.get("node_id") + ": "
                + row.get("outcome") + "; prompts " + prompts + "; caller heard " + heard);
        return new Served(row, prompts, heard);
    }

    /** How long a prompt of the dialplan's language plays: its file for the seat, or its own. */
    private long lengthMs(String promptId) {
        Path dir = settings.soundDir().resolve("zh-CN");
        Path forSeat = dir.resolve(promptId + "-seat" + SEAT + ".wav");
        return HotlineE2ETest.wavMs(Files.exists(forSeat) ? forSeat : dir.resolve(promptId + ".wav"));
    }

    private HotlineProcess node(String id, int agiPort, PostgresTestDatabase database) throws Exception {
        return HotlineProcess.startFromTestClasspath(work.resolve(id), settings.soundDir(), work.resolve(id + ".log"),
                "--hotline.agi.port=" + agiPort, "--hotline.node-id=" + id, "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--hotline.flow.greet-by-time-of-day=false",
                "--hotline.prompts.asterisk-user=" + settings.asteriskUser());
    }
}
