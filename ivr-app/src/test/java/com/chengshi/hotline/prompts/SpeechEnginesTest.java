package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real engines, each on one short prompt: FreeTTS kevin16 and espeak-ng (which CI installs). */
class SpeechEnginesTest {

    /** The command application.yml configures for zh-CN. */
    static final List<String> ESPEAK = List.of("espeak-ng", "-v", "cmn", "-w", "{out}", "{text}");

    @TempDir
    Path dir;

    @Test
    void freeTtsKevinRendersEnglishForTheTelephone() throws Exception {
        PromptRenderer renderer = new PromptRenderer(dir, Map.of("en-US", new FreeTtsEngine()), new Recordings(dir),
                -20);

        PromptRenderer.Outcome outcome = renderer.render(new PromptRenderer.Job("en-US", "sorry", 0, false,
                "Very sorry."));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        PromptRendererTest.assertTelephoneLevel(outcome.file());
    }

    @Test
    void espeakRendersMandarinForTheTelephone() throws Exception {
        CommandTtsEngine espeak = new CommandTtsEngine(ESPEAK);
        assertThat(espeak.unavailable()).as("espeak-ng must be installed (apt-get install espeak-ng)").isEmpty();
        PromptRenderer renderer = new PromptRenderer(dir, Map.of("zh-CN", espeak), new Recordings(dir), -20);

        PromptRenderer.Outcome outcome = renderer.render(new PromptRenderer.Job("zh-CN", "sorry", 0, false,
                "非常抱歉。"));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        PromptRendererTest.assertTelephoneLevel(outcome.file());
    }

    @Test
    void aCommandThatIsNotInstalledSaysSo() {
        assertThat(new CommandTtsEngine(List.of("no-such-tts-program", "{text}")).unavailable())
                .hasValue("no-such-tts-program is not installed (not found on PATH)");
    }

    @Test
    void aCommandThatFailsReportsItsError() {
        CommandTtsEngine failing = new CommandTtsEngine(List.of("sh", "-c", "echo broken voice >&2; exit 3", "{text}"));

        assertThatThrownBy(() -> failing.speak("hello")).isInstanceOf(IOException.class)
                .hasMessage("sh exited with 3: broken voice");
    }
}
