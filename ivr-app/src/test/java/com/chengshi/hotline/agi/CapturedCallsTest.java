package com.chengshi.hotline.agi;

import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls of the app itself that a real Asterisk 22 answered, taken from its AGI debug log
 * ({@code src/test/resources/captures/}), replayed: Asterisk's lines are sent as they came, and the app must send
 * exactly the commands it sent then, in the same order, and end the call the same way.
 */
class CapturedCallsTest {

    private static final Pattern LINE = Pattern.compile("\\d+ (<<<|>>>) ?(.*)");
    /** Where the app's prompts were when the call was captured, and where the fixture's prompt files are. */
    private static final String CAPTURED_SOUND_DIR = "/opt/asterisk-lab/var/lib/asterisk/sounds/hotline";

    private HotlineAgiFixture hotline;

    @AfterEach
    void stop() {
        if (hotline != null) {
            hotline.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"17-stream-file-unreadable-by-asterisk-user.txt, APP_ERROR"})
    void theAppSendsWhatItSentToTheRealAsterisk(String capture, String outcome) throws IOException {
        LineCheck notReached = (call, window) -> LineReport.nothingHeard(window.toMillis());
        hotline = HotlineAgiFixture.start(notReached);
        List<String[]> transcript = read(capture);
        try (FakeAsterisk asterisk = hotline.call()) {
            List<String> fromAsterisk = new ArrayList<>();
            for (String[] line : transcript) {
                if (line[0].equals("<<<")) {
                    fromAsterisk.add(line[1]);
                    continue;
                }
                asterisk.send(fromAsterisk.toArray(String[]::new));
                fromAsterisk.clear();
                asterisk.expect(line[1].replace(CAPTURED_SOUND_DIR, "/sounds"));
            }
            asterisk.send(fromAsterisk.toArray(String[]::new)).expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", outcome);
    }

    private static List<String[]> read(String capture) throws IOException {
        try (InputStream in = CapturedCallsTest.class.getResourceAsStream("/captures/" + capture)) {
            assertThat(in).as(capture).isNotNull();
            List<String[]> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LINE.matcher(line);
                if (!line.startsWith("#") && m.matches()) {
                    lines.add(new String[]{m.group(1), m.group(2)});
                }
            }
            return lines;
        }
    }
}
