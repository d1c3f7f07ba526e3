package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings and sounds for prompt tests, the same values application.yml ships. */
public final class TestPrompts {

    static final List<String> LANGUAGES = List.of("zh-CN", "en-US");
    static final Duration CALL_WAIT = Duration.ofMillis(150);

    private TestPrompts() {
    }

    /** The project's catalogue, from the project root or from the ivr-app module dir (where Maven runs tests). */
    public static Path projectCatalogue() {
        return List.of(Path.of("prompts/catalogue.yml"), Path.of("../prompts/catalogue.yml")).stream()
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("prompts/catalogue.yml not found from "
                        + Path.of("").toAbsolutePath()));
    }

    static PromptsProperties properties(Path catalogue, Path soundDir) {
        return new PromptsProperties(Map.of("zh-CN", "诚实集团", "en-US", "Chengshi Group"), "400-000-0000", "CN",
                new PromptsProperties.Prompts(catalogue, lastGood(soundDir), soundDir, LANGUAGES, "zh-CN", Map.of(),
                        List.of(), -20, Duration.ofSeconds(2), Duration.ofSeconds(10), CALL_WAIT, null,
                        Duration.ofSeconds(60)));
    }

    /** Where the last good catalogue is kept: beside the sound dir, as in the data dir (none without a sound dir). */
    static Path lastGood(Path soundDir) {
        return soundDir == null ? null : soundDir.resolveSibling("prompts").resolve("last-good-catalogue.yml");
    }

    static Placeholders placeholders() {
        return properties(Path.of("unused"), Path.of("unused")).placeholders();
    }

    /** A copy of the project catalogue in {@code dir}, so a test may edit it. */
    public static Path copyOfProjectCatalogue(Path dir) throws IOException {
        return Files.copy(projectCatalogue(), dir.resolve("catalogue.yml"));
    }

    /** A minimal catalogue with every flow prompt in both languages, as YAML, with {@code extra} lines appended. */
    static String yaml(String extra) throws IOException {
        return Files.readString(projectCatalogue()) + extra;
    }

    /** Whether each 10 ms of the clip is sound (above 5 % of its loudest 10 ms). */
    private static boolean[] active(AudioClip clip) {
        int frame = clip.sampleRate() / 100;
        double[] rms = new double[clip.samples().length / frame];
        double loudest = 0;
        for (int f = 0; f < rms.length; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += clip.samples()[i] * clip.samples()[i];
            }
            rms[f] = Math.sqrt(sum / frame);
            loudest = Math.max(loudest, rms[f]);
        }
        boolean[] active = new boolean[rms.length];
        for (int f = 0; f < rms.length; f++) {
            active[f] = rms[f] > 0.05 * loudest;
        }
        return active;
    }

    /** The silences inside the clip (not at its ends) longer than {@code seconds}. */
    static int pausesLongerThan(AudioClip clip, double seconds) {
        boolean[] active = active(clip);
        int pauses = 0;
        int run = 0;
        boolean started = false;
        for (boolean a : active) {
            if (a) {
                if (started && run * 0.01 > seconds) {
                    pauses++;
                }
                started = true;
                run = 0;
            } else {
                run++;
            }
        }
        return pauses;
    }

    /** Stretches of sound separated by at least 30 ms of silence: syllables, for a voice that pauses between them. */
    static int bursts(AudioClip clip) {
        boolean[] active = active(clip);
        int bursts = 0;
        int quiet = 3;
        for (boolean a : active) {
            if (a && quiet >= 3) {
                bursts++;
            }
            quiet = a ? 0 : quiet + 1;
        }
        return bursts;
    }
}
