package com.chengshi.hotline;

import com.chengshi.hotline.agi.FakeAsterisk;
import com.chengshi.hotline.agi.FastAgiServer;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.linecheck.Corpus;
import com.chengshi.hotline.linecheck.audiosocket.AudioSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The application as it runs, wired by Spring: a fake Asterisk calls the FastAGI server, streams a recorded caller
 * to the AudioSocket server when the flow asks, and the real classifier's verdict lands in the call log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HotlineApplicationTest {

    private static final Pattern AUDIO_SOCKET = Pattern.compile(
            "EXEC \"AudioSocket\" \"([0-9a-f-]{36}),127\\.0\\.0\\.1:(\\d+)\"");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestHotline.settings(registry, dataDir);
        registry.add("hotline.flow.greet-by-time-of-day", () -> "false");
        // Seat 7's greeting is made at start, and the call waits for it rather than hearing the seat-less greeting.
        registry.add("hotline.prompts.seats", () -> "7");
        registry.add("hotline.prompts.call-wait", () -> "30s");
    }

    @Autowired
    FastAgiServer agi;
    @Autowired
    AudioSocketServer audioSocket;
    @Autowired
    JdbcClient db;

    @Test
    void callerIsHeardThroughAudioSocketAndTheVerdictIsLogged() throws Exception {
        short[] caller = WavFiles.readTelephone(Corpus.directory().resolve("clear-001.wav"));
        try (FakeAsterisk asterisk = FakeAsterisk.connect(agi.port())) {
            asterisk.callsScript("hotline?lang=en-US&seat=7", "1001").expect("ANSWER", "200 result=0");
            asterisk.expectMatching("STREAM FILE \".*/en-US/greeting-seat7\" \"\"");
            asterisk.send("200 result=0 endpos=44140");

            Matcher exec = AUDIO_SOCKET.matcher(asterisk.expectMatching(AUDIO_SOCKET.pattern()));
            assertThat(exec.matches()).isTrue();
            assertThat(Integer.parseInt(exec.group(2))).isEqualTo(audioSocket.port());
            streamUntilTheHotlineEndsTheWindow(UUID.fromString(exec.group(1)), caller);
            asterisk.send("200 result=0");

            asterisk.expectMatching("STREAM FILE \".*/en-US/menu\" \"0123456789\\*#\"");
            asterisk.send("200 result=-1 endpos=8000", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        Map<String, Object> call = db.sql("select * from hotline_call").query().singleRow();
        assertThat(call).containsEntry("VERDICT", "CLEAR").containsEntry("OUTCOME", "CALLER_HUNG_UP")
                .containsEntry("ENDED_IN_STEP", "menu");
        assertThat((Double) call.get("SPEECH_LEVEL_DBFS")).isCloseTo(-17.9, within(3.0));
    }

    /** Plays Asterisk's side of AudioSocket: the uuid, then 20 ms frames until our hang-up frame comes back. */
    private void streamUntilTheHotlineEndsTheWindow(UUID uuid, short[] caller) throws Exception {
        try (var stream = com.chengshi.hotline.linecheck.audiosocket.AsteriskAudioSocket.connect(audioSocket.port())) {
            stream.sendUuid(uuid);
            for (int at = 0; at + 160 <= caller.length && !stream.serverHasSent(); at += 160) {
                stream.sendAudio(Arrays.copyOfRange(caller, at, at + 160));
            }
            stream.expectHex("00 00 00");
        }
    }
}
