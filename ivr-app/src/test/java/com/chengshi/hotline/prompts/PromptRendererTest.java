package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.TestWavs;
import com.chengshi.hotline.audio.WavFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PromptRendererTest {

    @TempDir
    Path dir;

    private final SyntheticVoice voice = new SyntheticVoice("en");

    private PromptRenderer renderer() {
        return new PromptRenderer(dir.resolve("sounds"), Map.of("en-US", voice), new Recordings(dir), -20);
    }

    private static PromptRenderer.Job job(String id, String text) {
        return new PromptRenderer.Job("en-US", id, 0, false, text);
    }

    @Test
    void writesTelephoneAudioAtTheTargetLevelWithoutClipping() throws Exception {
        PromptRenderer.Outcome outcome = renderer().render(job("goodbye", "Thank you for calling."));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        assertThat(outcome.file()).isEqualTo(dir.resolve("sounds/en-US/goodbye.wav").toAbsolutePath());
        assertThat(TelephoneFormat.problemWith(outcome.file())).isEmpty();
        assertTelephoneLevel(outcome.file());
    }

    /** About -20 dBFS active speech, no sample at full scale. */
    static void assertTelephoneLevel(Path wav) throws Exception {
        AudioClip clip = WavFiles.read(wav);
        assertThat(SpeechLevel.activeDbfs(clip)).isCloseTo(-20, within(3.0));
        assertThat(SpeechLevel.peakDbfs(clip)).isLessThanOrEqualTo(SpeechLevel.PEAK_CEILING_DBFS + 0.01);
    }

    @Test
    void anUnchangedPromptIsNeverSynthesisedTwice() throws Exception {
        PromptRenderer.Job job = job("goodbye", "Thank you for calling.");
        renderer().render(job);
        byte[] first = Files.readAllBytes(dir.resolve("sounds/en-US/goodbye.wav"));

        PromptRenderer sameProcess = renderer();
        assertThat(sameProcess.render(job).kind()).isEqualTo(PromptRenderer.Kind.CACHED);
        assertThat(sameProcess.render(job).kind()).isEqualTo(PromptRenderer.Kind.CACHED);
        assertThat(voice.utterances).hasValue(1);
        assertThat(Files.readAllBytes(dir.resolve("sounds/en-US/goodbye.wav"))).isEqualTo(first);

        assertThat(renderer().render(job("goodbye", "Goodbye.")).kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
        assertThat(voice.utterances).hasValue(2);
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        renderer().render(job("goodbye", "Thank you for calling."));
        byte[] first = Files.readAllBytes(dir.resolve("sounds/en-US/goodbye.wav"));
        deleteTree(dir.resolve("sounds"));

        renderer().render(job("goodbye", "Thank you for calling."));

        assertThat(Files.readAllBytes(dir.resolve("sounds/en-US/goodbye.wav"))).isEqualTo(first);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        renderer().render(job("goodbye", "Thank you for calling."));

        try (Stream<Path> files = Files.walk(dir.resolve("sounds"))) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aRecordingWinsOverSpeech() throws Exception {
        Files.createDirectories(dir.resolve("en-US"));
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/goodbye.wav"));

        PromptRenderer.Outcome outcome = renderer().render(job("goodbye", "Thank you for calling."));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.RECORDED);
        assertThat(Files.mismatch(outcome.file(), dir.resolve("en-US/goodbye.wav"))).isEqualTo(-1);
        assertThat(voice.utterances).hasValue(0);
    }

    @Test
    void aRecordingInTheWrongFormatIsNotPlayed() throws Exception {
        Files.createDirectories(dir.resolve("en-US"));
        TestWavs.write(dir.resolve("en-US/goodbye.wav"), new AudioFormat(44100, 16, 2, true, false),
                new byte[4 * 800]);

        assertThat(renderer().render(job("goodbye", "Thank you for calling.")).kind())
                .isEqualTo(PromptRenderer.Kind.RENDERED);
    }

    @Test
    void aLanguageWithoutEngineOrRecordingSaysHowToProvideIt() {
        PromptRenderer.Outcome outcome = renderer().render(
                new PromptRenderer.Job("zh-CN", "goodbye", 0, false, "再见"));

        assertThat(outcome.kind()).isEqualTo(PromptRenderer.Kind.MISSING);
        assertThat(outcome.missingReason()).contains("no voice for zh-CN", "set hotline.prompts.voices.zh-CN",
                dir.resolve("zh-CN/goodbye.wav").toString());
    }

    @Test
    void anEngineThatCrashesCostsOnePromptOnly() {
        TtsEngine crashing = SyntheticVoice.engine("crashing", text -> {
            throw new IllegalStateException("voice not allocated");
        });
        PromptRenderer renderer = new PromptRenderer(dir.resolve("sounds"),
                Map.of("zh-CN", crashing, "en-US", voice), new Recordings(dir), -20);

        PromptRenderer.Outcome crashed = renderer.render(new PromptRenderer.Job("zh-CN", "goodbye", 0, false, "再见"));

        assertThat(crashed.kind()).isEqualTo(PromptRenderer.Kind.MISSING);
        assertThat(crashed.missingReason()).startsWith("crashing failed: java.lang.IllegalStateException: voice not"
                + " allocated");
        assertThat(renderer.render(job("goodbye", "Goodbye.")).kind()).isEqualTo(PromptRenderer.Kind.RENDERED);
    }

    static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
