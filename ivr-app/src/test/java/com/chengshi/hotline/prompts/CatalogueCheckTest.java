package com.chengshi.hotline.prompts;

import com.chengshi.hotline.flow.FlowPrompts;
import com.chengshi.hotline.audio.TestWavs;
import com.chengshi.hotline.audio.WavFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueCheckTest {

    @TempDir
    Path dir;

    private CatalogueCheck.Result check(String yaml) throws IOException {
        return check(yaml, FlowPrompts.builtIn());
    }

    private CatalogueCheck.Result check(String yaml, FlowPrompts flow) throws IOException {
        Path file = Files.writeString(dir.resolve("catalogue.yml"), yaml);
        return CatalogueCheck.from(TestPrompts.properties(file, dir.resolve("sounds")), flow, Map.of()).check(file);
    }

    @Test
    void aMenuPromptThatAnnouncesOtherKeysThanTheMenuOffersIsRefused() throws IOException {
        String catalogue = Files.readString(TestPrompts.projectCatalogue());
        FlowPrompts flow = new FlowPrompts(FlowPrompts.builtIn().ids(), Set.of('1', '2', '0'));

        assertThat(check(catalogue, flow).problems()).anySatisfy(problem -> assertThat(problem).contains(
                "menu [zh-CN]: announces the keys [0, 1, 2, 3, 8, 9], but hotline.flow.menu.options offers [0, 1, 2]"));
    }

    @Test
    void aConfiguredInformationPromptMissingFromTheCatalogueIsRefused() throws IOException {
        String catalogue = Files.readString(TestPrompts.projectCatalogue());
        Set<String> ids = new java.util.HashSet<>(FlowPrompts.builtIn().ids());
        ids.add("info-parking");
        FlowPrompts flow = new FlowPrompts(ids, Set.of());

        assertThat(check(catalogue, flow).problems()).anySatisfy(problem -> assertThat(problem)
                .endsWith("info-parking: missing in zh-CN (the call flow plays it)"));
    }

    @Test
    void theKeysATextAnnouncesAreReadInBothLanguages() {
        assertThat(CatalogueCheck.announcedKeys("确认请按1,换一个号码请按2。说完请按井号键。")).containsExactly('#', '1', '2');
        assertThat(CatalogueCheck.announcedKeys("To confirm, press 1. Then press the hash key.")).containsExactly('#',
                '1');
    }

    @Test
    void projectCatalogueHasNoProblems() throws IOException {
        assertThat(check(TestPrompts.yaml("")).problems()).isEmpty();
    }

    @Test
    void aPromptTheFlowPlaysMissingInALanguage() throws IOException {
        String yaml = TestPrompts.yaml("").replace(
                "    en-US: \"Very sorry.\"\n", "");

        assertThat(check(yaml).problems()).singleElement().asString()
                .endsWith("sorry: missing in en-US (the call flow plays it)");
    }

    @Test
    void anUnknownPlaceholder() throws IOException {
        String yaml = TestPrompts.yaml("  extra:\n    zh-CN: \"{name}您好\"\n    en-US: \"Hello {name}\"\n");

        assertThat(check(yaml).problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("extra [").contains("unknown placeholder {name}"));
    }

    @Test
    void aForbiddenPhraseInEitherLanguage() throws IOException {
        String yaml = TestPrompts.yaml("  extra:\n    zh-CN: \"但是我们很忙。\"\n    en-US: \"I can't help, that's not my job.\"\n");

        assertThat(check(yaml).problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("extra [zh-CN]: forbidden phrase \"但是\""))
                .anySatisfy(p -> assertThat(p).contains("extra [en-US]: forbidden phrase \"I can't\""))
                .anySatisfy(p -> assertThat(p).contains("extra [en-US]: forbidden phrase \"that's not my job\""));
    }

    @Test
    void idsThatAreNotSafeFileNames() throws IOException {
        String yaml = TestPrompts.yaml("""
                  "../escape":
                    en-US: "Hello."
                  "a/b":
                    en-US: "Hello."
                  "has space":
                    en-US: "Hello."
                """);

        assertThat(check(yaml).problems()).hasSize(3)
                .allSatisfy(p -> assertThat(p).contains("is not a safe file name"));
    }

    @Test
    void brokenYamlIsOneClearLine() throws IOException {
        assertThat(check("prompts:\n  greeting: [unclosed\n").problems()).singleElement().asString()
                .contains("not valid YAML");
        assertThat(check(TestPrompts.yaml("  sorry:\n    en-US: \"Again.\"\n")).problems()).singleElement()
                .asString().contains("not valid YAML").contains("duplicate key sorry");
    }

    @Test
    void aRecordingAsteriskCannotPlay() throws IOException {
        Files.createDirectories(dir.resolve("en-US"));
        TestWavs.write(dir.resolve("en-US/goodbye.wav"), new AudioFormat(44100, 16, 2, true, false),
                new byte[4 * 800]);
        Files.write(dir.resolve("en-US/sorry.wav"), new byte[]{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/menu.wav"));
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/greting.wav"));

        CatalogueCheck.Result result = check(TestPrompts.yaml(""));

        assertThat(result.problems()).containsExactlyInAnyOrder(
                dir.resolve("en-US/goodbye.wav") + ": PCM_SIGNED 44100 Hz 16-bit 2 channels; Asterisk needs 8000 Hz"
                        + " 16-bit mono PCM WAV (sox in.wav -r 8000 -c 1 -b 16 out.wav)",
                dir.resolve("en-US/sorry.wav") + ": an MP3 file named .wav; Asterisk needs 8000 Hz 16-bit mono PCM"
                        + " WAV (sox in.wav -r 8000 -c 1 -b 16 out.wav)");
    }

    @Test
    void aRecordingThatMatchesNoIdIsAWarningNotAProblem() throws IOException {
        Files.createDirectories(dir.resolve("en-US"));
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/greting.wav"));

        CatalogueCheck.Result result = check(TestPrompts.yaml(""));

        assertThat(result.ok()).isTrue();
        assertThat(result.strayRecordings()).containsExactly(dir.resolve("en-US/greting.wav")
                + ": no prompt with id 'greting' in the catalogue, so it is never played");
    }
}
