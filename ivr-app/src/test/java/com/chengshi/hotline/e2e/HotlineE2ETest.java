package com.chengshi.hotline.e2e;

import com.chengshi.hotline.IvrApplication;
import com.chengshi.hotline.agi.FastAgiServer;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.e2e.CallerEar.Stretch;
import com.chengshi.hotline.e2e.SippCaller.CallerHangsUp;
import com.chengshi.hotline.e2e.SippCaller.HotlineHangsUp;
import com.chengshi.hotline.linecheck.Corpus;
import com.chengshi.hotline.prompts.PromptLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioSystem;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real calls to a real Asterisk 22 (README, "End-to-end tests"): sipp dials the hotline with a corpus recording as the
 * caller's voice; the app runs here, on the ports the dialplan names. Each call is checked twice: in the call log, and
 * in what the caller received, prompt by prompt, against the length of each prompt's audio.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HotlineE2ETest {

    /** The seat and language of dialplan/extensions_hotline.conf's globals. */
    private static final int SEAT = 7;
    private static final String LANGUAGE = "zh-CN";
    /** Asterisk sends a prompt in 20 ms packets; a stretch heard may differ from the file by a packet or two. */
    private static final long SAME_LENGTH_MS = 100;

    private final E2ESettings settings = E2ESettings.fromEnvironment(System.getenv());

    @TempDir
    static Path work;

    private ConfigurableApplicationContext app;
    private JdbcTemplate callLog;
    private PromptLibrary prompts;
    private SippCaller sipp;

    @BeforeAll
    void startTheHotline() {
        if (settings == null) {
            // Failsafe does not print why a whole class was skipped, so say it once here.
            System.out.println(E2ESettings.WHAT_TO_SET);
        }
        assumeTrue(settings != null, E2ESettings.WHAT_TO_SET);
        start();
        sipp = new SippCaller(settings, work);
    }

    /** The app on the dialplan's ports, with the class's settings and any {@code more}. */
    private void start(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--hotline.data-dir=" + work.resolve("data"),
                "--hotline.prompts.catalogue=" + projectRoot().resolve("prompts/catalogue.yml"),
                "--hotline.prompts.sound-dir=" + settings.soundDir(),
                "--hotline.agi.port=" + settings.agiPort(),
                "--hotline.audiosocket.port=" + settings.audioSocketPort(),
                "--hotline.flow.greet-by-time-of-day=false",
                // Stopping the FastAGI server cuts calls in progress off after this (the app failing mid-call).
                "--hotline.agi.shutdown-grace=1s",
                // The clear caller presses no key: one menu, then the goodbye (§9: never loop forever).
                "--hotline.flow.menu.retries=0",
                "--hotline.flow.menu.when-retries-run-out=GOODBYE",
                "--hotline.prompts.asterisk-user=" + settings.asteriskUser()));
        // A setting given twice would be bound as a list of both: {@code more} replaces the class's own.
        List<String> overridden = Arrays.stream(more).map(a -> a.substring(0, a.indexOf('=') + 1)).toList();
        args.removeIf(a -> overridden.stream().anyMatch(a::startsWith));
        args.addAll(List.of(more));
        app = new SpringApplicationBuilder(IvrApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        callLog = new JdbcTemplate(app.getBean(DataSource.class));
        prompts = app.getBean(PromptLibrary.class);
    }

    @Test
    @Order(1)
    void clearCallerHearsTheGreetingTheMenuAndTheGoodbyeAndHangsUpFirst() throws Exception {
        long greeting = lengthMs("greeting", LANGUAGE);
        // The line's own hiss before and after the caller speaks, as on a real phone line.
        short[] hiss = Arrays.copyOf(clip("clear-001.wav"), 800 * 8);
        short[] voice = voice(loop(hiss, greeting + 500), clip("clear-001.wav"), loop(hiss, 60_000));
        // Greeting, the line check (the clip, then its pause), the menu and its 5 s wait, the goodbye, then 3 s.
        Duration hangUp = Duration.ofMillis(greeting + 500 + clipMs("clear-001.wav") + 1000 + lengthMs("menu", LANGUAGE)
                + 5000 + lengthMs("goodbye", LANGUAGE) + 3000);

        Call call = place(voice, new CallerHangsUp(hangUp));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "COMPLETED").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("VERDICT", "CLEAR");
        assertThat(call.prompts()).containsExactly("greeting", "menu", "goodbye");
        assertHeardInOrder(call);
    }

    @Test
    @Order(2)
    void silentCallerIsAskedThreeTimesHearsTheGoodbyeAndIsHungUpOnOnlyAfterIt() throws Exception {
        Call call = place(voice(loop(clip("silent-001.wav"), 90_000)), new HotlineHangsUp(Duration.ofSeconds(120)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "SILENT_LINE").containsEntry("HUNG_UP_BY", "HOTLINE")
                .containsEntry("SILENT_RETRIES", 2);
        assertThat(call.prompts()).containsExactly("greeting", "silent-ask-again", "silent-ask-again",
                "silent-goodbye");
        assertHeardInOrder(call);
        Stretch goodbye = call.heard().get(call.heard().size() - 1);
        assertThat(call.hungUpAtMs() - goodbye.endMs()).as("ms from the end of the goodbye to Asterisk's BYE")
                .isGreaterThanOrEqualTo(2500);
    }

    @Test
    @Order(3)
    void noisyCallerIsAskedToDialAgainThenToCallFromAnotherPhone() throws Exception {
        Call call = place(voice(loop(clip("noisy-002.wav"), 90_000)), new HotlineHangsUp(Duration.ofSeconds(120)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "NOISY_LINE").containsEntry("HUNG_UP_BY", "HOTLINE");
        assertThat(call.prompts()).containsExactly("greeting", "noisy-dial-again", "noisy-other-phone");
        assertHeardInOrder(call);
    }

    @Test
    @Order(4)
    void faintCallerIsAskedToSpeakUpThenToCallFromAnotherPhone() throws Exception {
        Call call = place(voice(loop(clip("quiet-002.wav"), 90_000)), new HotlineHangsUp(Duration.ofSeconds(120)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "QUIET_LINE").containsEntry("HUNG_UP_BY", "HOTLINE");
        assertThat(call.prompts()).containsExactly("greeting", "quiet-speak-up", "quiet-other-phone");
        assertHeardInOrder(call);
    }

    @Test
    @Order(5)
    void callerWhoHangsUpMidGreetingIsLoggedAsHangingUp() throws Exception {
        Call call = place(voice(clip("clear-001.wav"), silence(10_000)), new CallerHangsUp(Duration.ofSeconds(2)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", "greeting");
        assertThat(call.prompts()).containsExactly("greeting");
        assertThat(call.heard()).hasSize(1);
        assertThat(call.heard().get(0).lengthMs()).isLessThan(lengthMs("greeting", LANGUAGE));
    }

    @Test
    @Order(8)
    void asterisksOwnUserCanReadEveryPromptTheAppMakes() {
        assertThat(prompts.status().asteriskCannotRead()).as("the app's own check, for user " + settings.asteriskUser())
                .isEmpty();
        assertThat(prompts.status().missingAudio()).isEmpty();
    }

    @Test
    @Order(9)
    void callerTalkingForFifteenSecondsIsNeverTalkedOver() throws Exception {
        long greeting = lengthMs("greeting", LANGUAGE);
        short[] hiss = Arrays.copyOf(clip("clear-001.wav"), 800 * 8);
        // One caller's words, again and again, with no pause of half a second: 15 s of talk over the same line.
        short[] talk = loop(speechOf("clear-001.wav"), 15_000);
        short[] voice = voice(loop(hiss, greeting + 500), talk, loop(hiss, 60_000));
        Duration hangUp = Duration.ofMillis(greeting + 500 + 15_000 + 1000 + lengthMs("menu", LANGUAGE) + 5000
                + lengthMs("goodbye", LANGUAGE) + 3000);

        Call call = place(voice, new CallerHangsUp(hangUp));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "COMPLETED").containsEntry("VERDICT", "CLEAR");
        assertThat(call.prompts()).containsExactly("greeting", "menu", "goodbye");
        assertHeardInOrder(call);
        // The caller's voice starts with the call, as the greeting does; the menu must wait for the end of the talk.
        long talkEndsMs = call.heard().get(0).startMs() + greeting + 500 + 15_000;
        assertThat(call.heard().get(1).startMs()).as("the menu starts after the caller has finished")
                .isGreaterThanOrEqualTo(talkEndsMs);
    }

    @Test
    @Order(10)
    void aPhoneThatSendsNoAudioIsListenedToAsLongAsTheFlowAsks() throws Exception {
        long errorsBefore = settings.asteriskLogLines("Reached timeout");

        Call call = place(null, new HotlineHangsUp(Duration.ofSeconds(120)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "SILENT_LINE").containsEntry("HUNG_UP_BY", "HOTLINE");
        assertThat(call.prompts()).containsExactly("greeting", "silent-ask-again", "silent-ask-again",
                "silent-goodbye");
        // The keep-alive silence reaches the caller as 20 ms blips; the prompts are the long stretches.
        List<Stretch> spoken = call.heard().stream().filter(s -> s.lengthMs() > 200).toList();
        assertThat(spoken).hasSize(4);
        assertThat(spoken.get(1).startMs() - spoken.get(0).endMs()).as("the first listen, 5 s as the flow asked")
                .isGreaterThanOrEqualTo(4500);
        assertThat(settings.asteriskLogLines("Reached timeout")).as("AudioSocket ERRORs in Asterisk's log")
                .isEqualTo(errorsBefore);
    }

    @Test
    @Order(18)
    void aCallerWhoHangsUpWhileWaitingInTheAgentsQueueIsLoggedAsHavingHungUpThere() throws Exception {
        // No key at the menu puts the caller through to the agents: the queue hotline-e2e-ringing (docker/asterisk),
        // whose one member rings and never answers. The caller gives up after a minute, well inside the queue's wait.
        app.close();
        start("--hotline.flow.menu.retries=0", "--hotline.flow.menu.when-retries-run-out=AGENT",
                "--hotline.flow.hold.queue=hotline-e2e-ringing", "--hotline.flow.hold.max-wait=300s");
        long greeting = lengthMs("greeting", LANGUAGE);
        short[] hiss = Arrays.copyOf(clip("clear-001.wav"), 800 * 8);
        // The caller speaks once the greeting is over (a clear line), then says and presses nothing.
        short[] voice = voice(loop(hiss, greeting + 500), clip("clear-001.wav"), silence(120_000));

        Call call = place(voice, new CallerHangsUp(Duration.ofSeconds(60)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", "hold");
        assertThat(call.prompts()).endsWith("menu", "hold-please-wait");
        assertThat(callLog.queryForList("select detail from call_event where call_id = ? and detail like 'queue%'",
                String.class, call.row().get("ID"))).isEmpty();
    }

    @Test
    @Order(19)
    void aCallbackWithNoKeyAtTheConfirmationIsStoredAndTheCallerHearsTheGoodbye() throws Exception {
        // No key at the menu puts the caller on hold, and a hold that runs out takes a callback request.
        app.close();
        start("--hotline.flow.menu.when-retries-run-out=AGENT", "--hotline.flow.hold.max-wait=4s",
                "--hotline.flow.callback.recording-silence=2s");
        long greeting = lengthMs("greeting", LANGUAGE);
        short[] hiss = Arrays.copyOf(clip("clear-001.wav"), 800 * 8);
        // After the line check the caller says nothing and presses nothing: the recording ends on its silence.
        short[] voice = voice(loop(hiss, greeting + 500), clip("clear-001.wav"), silence(150_000));
        String numberFile = prompts.numberAudio(settings.user(), LANGUAGE).orElseThrow() + ".wav";
        long number = wavMs(Path.of(numberFile));
        Files.delete(Path.of(numberFile));

        Call call = place(voice, new HotlineHangsUp(Duration.ofSeconds(170)));

        assertThat(call.sippExit()).as(call.sippLog()).isZero();
        assertThat(call.row()).containsEntry("OUTCOME", "CALLBACK_REQUESTED").containsEntry("HUNG_UP_BY", "HOTLINE");
        assertThat(call.prompts()).containsSubsequence("hold-please-wait", "callback-leave-name-and-question",
                "callback-number-is", "callback-noted", "goodbye");
        assertThat(callLog.queryForObject("select callback_number from callback_request where call_id = ?",
                String.class, call.row().get("ID"))).isEqualTo(settings.user());
        // The caller's number, read back in Mandarin by our own voice (Asterisk's SAY DIGITS would say it in
        // English): "we will call you back on", the number and "press 1 to confirm" reach the caller as one stretch.
        long readBack = lengthMs("callback-number-is", LANGUAGE) + number
                + lengthMs("callback-confirm-number", LANGUAGE);
        assertThat(call.heard()).as("a stretch of the read-back, " + readBack + " ms")
                .anySatisfy(stretch -> assertThat(stretch.lengthMs()).isBetween(readBack - 3 * SAME_LENGTH_MS,
                        readBack + 3 * SAME_LENGTH_MS));
        if (settings.asteriskLog() != null) {
            assertThat(settings.asteriskLogLines("/" + LANGUAGE + "/said/number-"))
                    .as("Asterisk played our number file")
                    .isPositive();
        }
    }

    @Test
    @Order(20)
    void whenTheAppFailsMidCallTheDialplanCutsTheGreetingShortAndApologises() throws Exception {
        Long lastBefore = callLog.queryForObject("select coalesce(max(id), 0) from hotline_call", Long.class);
        long greeting = lengthMs("greeting", LANGUAGE);
        long fallback = lengthMs("technical-difficulty", LANGUAGE) + lengthMs("all-lines-busy", LANGUAGE)
                + lengthMs("goodbye", LANGUAGE);
        Path pcap = work.resolve("fails-mid-call.pcap");
        RtpPcap.write(voice(loop(clip("silent-001.wav"), 90_000)), pcap);

        List<Stretch> heard;
        SippCaller.Result sippResult;
        try (CallerEar ear = new CallerEar()) {
            CompletableFuture<SippCaller.Result> calling = CompletableFuture.supplyAsync(() -> {
                try {
                    return sipp.call(pcap, ear, new HotlineHangsUp(Duration.ofSeconds(120)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> !ear.stretches().isEmpty());
            // Mid-greeting, the app goes away: the call is cut off after the shutdown grace.
            app.getBean(FastAgiServer.class).stop();
            sippResult = calling.get(150, TimeUnit.SECONDS);
            heard = ear.stretches();
        }
        Map<String, Object> row = endedCallAfter(lastBefore);
        System.out.println("app failed mid-call: call " + row.get("UNIQUE_ID") + " logged " + row.get("OUTCOME")
                + " in step " + row.get("ENDED_IN_STEP") + "; caller heard " + heard + ", BYE at "
                + sippResult.endedAtMs() + " ms");

        assertThat(sippResult.exitCode()).as(sippResult.log()).isZero();
        assertThat(row).containsEntry("OUTCOME", "INTERRUPTED").containsEntry("ENDED_IN_STEP", "greeting");
        // Asterisk stops the greeting as soon as the app's socket closes (AGISTATUS reads SUCCESS, so only
        // HOTLINE_OUTCOME tells the dialplan), then plays the whole fallback.
        assertThat(heard.stream().mapToLong(Stretch::lengthMs).sum()).as("part of the greeting, then the fallback")
                .isBetween(fallback - 2 * SAME_LENGTH_MS, greeting + fallback - SAME_LENGTH_MS);
        assertThat(sippResult.endedAtMs() - heard.get(heard.size() - 1).endMs()).isGreaterThanOrEqualTo(9000);
    }

    @Test
    @Order(21)
    void withTheAppStoppedTheDialplanApologisesAndSaysGoodbyeBeforeHangingUp() throws Exception {
        Integer callsBefore = callLog.queryForObject("select count(*) from hotline_call", Integer.class);
        long apology = lengthMs("technical-difficulty", LANGUAGE);
        long busyAndGoodbye = lengthMs("all-lines-busy", LANGUAGE) + lengthMs("goodbye", LANGUAGE);
        // Asterisk meets a closed port, as when the app is down; the call log stays readable.
        app.getBean(FastAgiServer.class).stop();

        CallerEar ear = new CallerEar();
        SippCaller.Result sippResult;
        try (ear) {
            RtpPcap.write(voice(clip("clear-001.wav"), silence(60_000)), work.resolve("app-stopped.pcap"));
            sippResult = sipp.call(work.resolve("app-stopped.pcap"), ear, new HotlineHangsUp(Duration.ofSeconds(120)));
        }
        List<Stretch> heard = ear.stretches();
        System.out.println("app stopped: caller heard " + heard + ", BYE at " + sippResult.endedAtMs() + " ms");

        assertThat(sippResult.exitCode()).as(sippResult.log()).isZero();
        // No agent is logged in, so the queue is left at once: apology, all lines busy, goodbye, then 10 s.
        assertThat(heard.stream().mapToLong(Stretch::lengthMs).sum())
                .isBetween(apology + busyAndGoodbye - 2 * SAME_LENGTH_MS, apology + busyAndGoodbye + 2 * SAME_LENGTH_MS);
        assertThat(heard.get(0).lengthMs()).isGreaterThanOrEqualTo(apology - SAME_LENGTH_MS);
        assertThat(sippResult.endedAtMs() - heard.get(heard.size() - 1).endMs()).isGreaterThanOrEqualTo(9000);
        assertThat(callLog.queryForObject("select count(*) from hotline_call", Integer.class))
                .as("calls that reached the app").isEqualTo(callsBefore);
    }

    /** One call as the call log and the caller saw it. */
    private record Call(Map<String, Object> row, List<String> prompts, List<Stretch> heard, long hungUpAtMs,
                        int sippExit, String sippLog) {
    }

    /** A call with {@code voice} as what the caller says, or with no RTP from the phone at all when it is null. */
    private Call place(short[] voice, SippCaller.Ending ending) throws Exception {
        Long lastBefore = callLog.queryForObject("select coalesce(max(id), 0) from hotline_call", Long.class);
        Path pcap = voice == null ? null : work.resolve("voice-" + System.nanoTime() + ".pcap");
        if (voice != null) {
            RtpPcap.write(voice, pcap);
        }
        SippCaller.Result result;
        List<Stretch> heard;
        try (CallerEar ear = new CallerEar()) {
            result = sipp.call(pcap, ear, ending);
            heard = ear.stretches();
        }
        Map<String, Object> row = endedCallAfter(lastBefore);
        List<String> played = callLog.queryForList(
                "select prompt from call_event where call_id = ? and prompt is not null order by id", String.class,
                row.get("ID"));
        Call call = new Call(row, played, heard, result.endedAtMs(), result.exitCode(), result.log());
        List<Map<String, Object>> verdicts = callLog.queryForList("select offset_ms, verdict, speech_level_dbfs,"
                + " noise_floor_dbfs, snr_db, decision_ms from call_event where call_id = ? and verdict is not null"
                + " order by id", row.get("ID"));
        System.out.println("call " + row.get("UNIQUE_ID") + ": " + row.get("OUTCOME") + ", hung up by "
                + row.get("HUNG_UP_BY") + " in step " + row.get("ENDED_IN_STEP") + "; prompts " + played
                + "; line checks " + verdicts + "; caller heard " + heard + "; BYE at " + result.endedAtMs() + " ms");
        return call;
    }

    private Map<String, Object> endedCallAfter(long lastBefore) {
        return await("an ended call in the call log after call " + lastBefore).atMost(Duration.ofSeconds(5))
                .until(() -> callLog.queryForList(
                        "select * from hotline_call where id > ? and ended_at is not null order by id", lastBefore),
                        rows -> !rows.isEmpty())
                .get(0);
    }

    /** Each prompt the call log says was played reached the caller whole, in the same order. */
    private void assertHeardInOrder(Call call) throws Exception {
        String language = (String) call.row().get("LANGUAGE");
        List<Long> expected = call.prompts().stream().map(id -> lengthMs(id, language)).toList();
        assertThat(call.heard()).as("stretches of audio the caller received, one per prompt").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(call.heard().get(i).lengthMs()).as("the caller heard " + call.prompts().get(i))
                    .isBetween(expected.get(i) - SAME_LENGTH_MS, expected.get(i) + SAME_LENGTH_MS);
        }
    }

    private long lengthMs(String promptId, String language) {
        String file = prompts.playable(promptId, language, SEAT).orElseThrow() + ".wav";
        return wavMs(Path.of(file));
    }

    /** How long a WAV plays. */
    static long wavMs(Path wav) {
        try {
            var format = AudioSystem.getAudioFileFormat(wav.toFile());
            return Math.round(format.getFrameLength() * 1000.0 / format.getFormat().getFrameRate());
        } catch (Exception e) {
            throw new IllegalStateException(wav + ": " + e.getMessage(), e);
        }
    }

    private static short[] clip(String name) throws Exception {
        return WavFiles.readTelephone(Corpus.directory().resolve(name));
    }

    /** A recording without the silence before and after its words. */
    private static short[] speechOf(String name) throws Exception {
        short[] clip = clip(name);
        int frame = 160;
        double loudest = 0;
        double[] rms = new double[clip.length / frame];
        for (int f = 0; f < rms.length; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += (double) clip[i] * clip[i];
            }
            rms[f] = Math.sqrt(sum / frame);
            loudest = Math.max(loudest, rms[f]);
        }
        int first = 0;
        while (rms[first] < 0.05 * loudest) {
            first++;
        }
        int last = rms.length - 1;
        while (rms[last] < 0.05 * loudest) {
            last--;
        }
        return Arrays.copyOfRange(clip, first * frame, (last + 1) * frame);
    }

    private static long clipMs(String name) throws Exception {
        return clip(name).length / 8;
    }

    private static short[] silence(long ms) {
        return new short[(int) (ms * 8)];
    }

    /** {@code clip} over and over for {@code ms}. */
    static short[] loop(short[] clip, long ms) {
        short[] looped = new short[(int) (ms * 8)];
        for (int i = 0; i < looped.length; i++) {
            looped[i] = clip[i % clip.length];
        }
        return looped;
    }

    private static short[] voice(short[]... parts) {
        short[] all = new short[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("prompts/catalogue.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no prompts/catalogue.yml above " + Path.of("").toAbsolutePath());
    }

    @AfterAll
    void stopTheHotline() {
        if (app != null) {
            app.close();
        }
    }
}
