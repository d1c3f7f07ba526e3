package com.chengshi.hotline.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TelephoneFormatTest {

    @TempDir
    Path dir;

    @Test
    void whatTheAppWritesIsTheTelephoneFormat() throws Exception {
        Path file = dir.resolve("phone.wav");
        WavFiles.writeTelephone(new short[800], file);

        assertThat(TelephoneFormat.problemWith(file)).isEmpty();
    }

    @Test
    void saysWhichRateChannelsAndEncodingAFileHasInstead() throws Exception {
        Path cd = TestWavs.write(dir.resolve("cd.wav"), new AudioFormat(44100, 16, 2, true, false), new byte[4 * 800]);
        Path muLaw = dir.resolve("mu-law.wav");
        WavFiles.writeTelephone(new short[800], muLaw);
        try (AudioInputStream pcm = AudioSystem.getAudioInputStream(muLaw.toFile());
             AudioInputStream encoded = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ULAW, pcm)) {
            AudioSystem.write(encoded, AudioFileFormat.Type.WAVE, muLaw.toFile());
        }

        assertThat(TelephoneFormat.problemWith(cd)).hasValue("PCM_SIGNED 44100 Hz 16-bit 2 channels");
        assertThat(TelephoneFormat.problemWith(muLaw)).hasValue("ULAW 8000 Hz 8-bit mono");
    }

    @Test
    void tellsAnMp3OrSomethingElseNamedWav() throws Exception {
        Path mp3 = Files.write(dir.resolve("sorry.wav"), new byte[]{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");

        assertThat(TelephoneFormat.problemWith(mp3)).hasValue("an MP3 file named .wav");
        assertThat(TelephoneFormat.problemWith(text)).hasValue("not a WAV file");
    }
}
