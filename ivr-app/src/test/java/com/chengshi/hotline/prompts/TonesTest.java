package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.TestClips;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class TonesTest {

    @TempDir
    Path soundDir;

    @Test
    void theBeepIsAThreeHundredMillisecondOneKilohertzTone() {
        AudioClip beep = Tones.beep();

        assertThat(beep.samples().length).isEqualTo(2400);
        assertThat(TestClips.db(TestClips.amplitudeAt(beep, 1000))).isBetween(-12.0, -10.0);
        assertThat(TestClips.amplitudeAt(beep, 2000)).isLessThan(0.001);
    }

    @Test
    void holdMusicIsQuieterThanThePromptsAndNeverClips() {
        AudioClip music = Tones.holdMusic();

        assertThat(music.samples().length / 8000.0).isEqualTo(24.0);
        double peak = 0;
        double energy = 0;
        for (float s : music.samples()) {
            peak = Math.max(peak, Math.abs(s));
            energy += s * s;
        }
        assertThat(peak).isLessThan(1.0);
        assertThat(TestClips.db(Math.sqrt(energy / music.samples().length))).isBetween(-32.0, -22.0);
    }

    @Test
    void bothAreWrittenForAsteriskToReadAndNotRewrittenWhenUnchanged() throws Exception {
        Tones.install(soundDir);
        Path beep = soundDir.resolve("tones/beep.wav");
        Path music = soundDir.resolve("moh/hold-music.wav");
        long written = Files.getLastModifiedTime(music).toMillis();
        Files.setLastModifiedTime(music, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));

        Tones.install(soundDir);

        assertThat(TelephoneFormat.problemWith(beep)).isEmpty();
        assertThat(TelephoneFormat.problemWith(music)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(music))).isEqualTo("rw-r--r--");
        assertThat(Files.getLastModifiedTime(music).toMillis()).as("left as it was").isEqualTo(written - 60_000);
        try (var left = Files.list(soundDir.resolve("moh"))) {
            assertThat(left).containsExactly(music);
        }
    }
}
