package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.audio.TestWavs;
import com.chengshi.hotline.audio.WavFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static com.chengshi.hotline.linecheck.Signals.pcm;
import static com.chengshi.hotline.linecheck.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PhoneAudioTest {

    @TempDir
    Path dir;

    @Test
    void takesPhoneRateSixteenBitMonoAsItIs() throws Exception {
        short[] samples = pcm(tone(0.5, 1000, -20));
        Path file = dir.resolve("phone.wav");
        WavFiles.writeTelephone(samples, file);

        assertThat(PhoneAudio.read(file)).isEqualTo(samples);
    }

    @Test
    void mixesStereoDownAndResamplesWithoutLosingThePhoneBand() throws Exception {
        short[] wide = pcm(tone(1, 1000, -20, 16000));
        Path file = write("wide.wav", new AudioFormat(16000, 16, 2, true, false), TestWavs.littleEndian(wide, 2));

        short[] phone = PhoneAudio.read(file);

        assertThat(phone).hasSize(8000);
        assertThat(levelDbfs(Arrays.copyOfRange(phone, 400, 7600))).isCloseTo(-20, within(0.2));
    }

    @Test
    void resamplingKeepsSoundsAboveThePhoneBandFromFoldingIntoIt() throws Exception {
        // 6 kHz at 48 kHz would alias to 2 kHz at 8 kHz if it were merely decimated.
        short[] wide = pcm(tone(1, 6000, -10, 48000));
        Path file = write("high.wav", new AudioFormat(48000, 16, 1, true, false), TestWavs.littleEndian(wide, 1));

        short[] phone = PhoneAudio.read(file);

        assertThat(phone).hasSize(8000);
        assertThat(levelDbfs(Arrays.copyOfRange(phone, 400, 7600))).isLessThan(-70);
    }

    @Test
    void decodesMuLawAndALaw() throws Exception {
        short[] samples = pcm(tone(0.5, 700, -25));
        Path pcm = dir.resolve("pcm.wav");
        WavFiles.writeTelephone(samples, pcm);
        for (AudioFormat.Encoding companding : new AudioFormat.Encoding[]{AudioFormat.Encoding.ULAW,
                AudioFormat.Encoding.ALAW}) {
            Path file = dir.resolve(companding + ".wav");
            try (AudioInputStream source = AudioSystem.getAudioInputStream(pcm.toFile());
                 AudioInputStream encoded = AudioSystem.getAudioInputStream(companding, source)) {
                AudioSystem.write(encoded, AudioFileFormat.Type.WAVE, file.toFile());
            }

            short[] decoded = PhoneAudio.read(file);

            assertThat(decoded).as("%s", companding).hasSize(samples.length);
            assertThat(levelDbfs(decoded)).as("%s", companding).isCloseTo(-25, within(0.3));
        }
    }

    @Test
    void refusesWhatIsNotAWavFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all, just words in a file");
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        Path missing = dir.resolve("missing.wav");
        Path aiff = dir.resolve("tone.aiff");
        short[] samples = pcm(tone(0.1, 1000, -20));
        AudioFormat bigEndian = new AudioFormat(8000, 16, 1, true, true);
        try (AudioInputStream source = new AudioInputStream(
                new ByteArrayInputStream(bigEndianBytes(samples)), bigEndian, samples.length)) {
            AudioSystem.write(source, AudioFileFormat.Type.AIFF, aiff.toFile());
        }

        assertRefused(text, "not a WAV file");
        assertRefused(empty, "empty");
        assertRefused(missing, "no such file");
        assertRefused(aiff, "not a WAV file");
    }

    @Test
    void refusesATruncatedWavFile() throws Exception {
        Path whole = dir.resolve("whole.wav");
        WavFiles.writeTelephone(pcm(tone(1, 500, -20)), whole);
        byte[] wav = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(wav, wav.length / 2));
        Path headerOnly = Files.write(dir.resolve("header.wav"), Arrays.copyOf(wav, 30));

        assertRefused(cut, "truncated");
        assertRefused(headerOnly, "not a WAV file");
    }

    @Test
    void refusesAWavFileWithoutSamples() throws Exception {
        Path file = dir.resolve("none.wav");
        WavFiles.writeTelephone(new short[0], file);

        assertRefused(file, "no audio");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> PhoneAudio.read(file))
                .as("%s", file.getFileName())
                .isInstanceOf(UnusableAudioException.class)
                .hasMessageContaining(reason);
    }

    private Path write(String name, AudioFormat format, byte[] data) throws IOException {
        return TestWavs.write(dir.resolve(name), format, data);
    }

    private static byte[] bigEndianBytes(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) (samples[i] >> 8);
            bytes[2 * i + 1] = (byte) samples[i];
        }
        return bytes;
    }

    private static double levelDbfs(short[] samples) {
        double energy = 0;
        for (short sample : samples) {
            energy += (double) sample * sample;
        }
        return 10 * Math.log10(energy / samples.length / (32768.0 * 32768.0));
    }
}
