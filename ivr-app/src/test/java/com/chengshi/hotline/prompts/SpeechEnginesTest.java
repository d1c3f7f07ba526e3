package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real engines, each on one short prompt: FreeTTS kevin16 and espeak-ng (which CI installs). */
class SpeechEnginesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The voice application.yml configures for zh-CN. */
    static final EspeakEngine MANDARIN = new EspeakEngine("cmn-latn-pinyin", null, TIMEOUT);

    @TempDir
    Path dir;

    @Test
    void freeTtsKevinRendersEnglishForTheTelephone() throws Exception {
        PromptRenderer renderer = new PromptRenderer(dir, Map.of("en-US", new FreeTtsEngine(null)),
                new Recordings(dir), -20);

        PromptRenderer.Outcome outcome = renderer.render(new PromptRenderer.Job("en-US", "sorry", 0, false,
                "Very sorry."));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        PromptRendererTest.assertTelephoneLevel(outcome.file());
    }

    @Test
    void espeakRendersMandarinForTheTelephone() throws Exception {
        assertThat(MANDARIN.unavailable()).as("espeak-ng must be installed (apt-get install espeak-ng)").isEmpty();
        PromptRenderer renderer = new PromptRenderer(dir, Map.of("zh-CN", MANDARIN), new Recordings(dir), -20);

        PromptRenderer.Outcome outcome = renderer.render(new PromptRenderer.Job("zh-CN", "sorry", 0, false,
                "非常抱歉。"));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        PromptRendererTest.assertTelephoneLevel(outcome.file());
    }

    @Test
    void espeakSaysWhereItWouldReadMandarinAsEnglish() throws Exception {
        assertThat(MANDARIN.phonemes("您好")).containsExactly("n'i35n_| X'Au214_|");
        assertThat(MANDARIN.misreadings("您好")).isEmpty();

        assertThat(MANDARIN.misreadings("尊敬的VIP客户,您好。")).singleElement().asString()
                .contains("\"尊敬的VIP客户,\"").contains("partly as en \"(en)v")
                .contains("Latin letters \"VIP\"");
        assertThat(new EspeakEngine("cmn", null, TIMEOUT).misreadings("您好")).singleElement().asString()
                .contains("partly as en \"(en)nI55nt'u:55_| h,eI55@55Tr'i:55\"");
    }

    @Test
    void espeakPausesAtTheCatalogueCommas() throws Exception {
        // espeak-ng ends a clause (and pauses) at ASCII punctuation only before a space; the catalogue writes
        // "您好,请问" without one, which ran on as one breath.
        assertThat(MANDARIN.phonemes("您好,请问?请按1,谢谢!")).containsExactly(
                "n'i35n_| X'Au214_|", "tS;h'i21N_| w'u@51n_|", "tS;h'i21N_| 'a51n_| j'i55_|", "S;'iE51_| S;'iE51_|");
    }

    @Test
    void freeTtsSaysItCannotSayChinese() {
        assertThat(new FreeTtsEngine(null).misreadings("Hello, 诚实集团.")).containsExactly(
                "FreeTTS speaks English only and skips \"诚实集团\"");
        assertThat(new FreeTtsEngine(null).misreadings("Hello, Chengshi Group.")).isEmpty();
    }

    @Test
    void anEngineThatHangsIsKilledAtItsTimeout() {
        CommandTtsEngine hung = new CommandTtsEngine(List.of("sh", "-c", "sleep 60", "{text}"), Duration.ofMillis(200));

        assertThatThrownBy(() -> hung.speak("hello")).isInstanceOf(IOException.class)
                .hasMessage("sh did not finish within 200 ms; killed");
    }

    @Test
    void aCommandThatIsNotInstalledSaysSo() {
        assertThat(new CommandTtsEngine(List.of("no-such-tts-program", "{text}"), TIMEOUT).unavailable())
                .hasValue("no-such-tts-program is not installed (not found on PATH)");
    }

    @Test
    void aCommandThatFailsReportsItsError() {
        CommandTtsEngine failing = new CommandTtsEngine(List.of("sh", "-c", "echo broken voice >&2; exit 3", "{text}"),
                TIMEOUT);

        assertThatThrownBy(() -> failing.speak("hello")).isInstanceOf(IOException.class)
                .hasMessage("sh exited with 3: broken voice");
    }
}
