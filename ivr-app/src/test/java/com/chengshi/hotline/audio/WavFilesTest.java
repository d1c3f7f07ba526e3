package com.chengshi.hotline.audio;

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

import static com.chengshi.hotline.audio.TestClips.tones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WavFilesTest {

    @TempDir
    Path dir;

    @Test
    void telephoneAudioComesBackSampleForSample() throws Exception {
        short[] samples = pcm(tones(8000, 0.5, 0.1, 1000));
        Path file = dir.resolve("phone.wav");
        WavFiles.writeTelephone(samples, file);

        assertThat(WavFiles.readTelephone(file)).isEqualTo(samples);
    }

    @Test
    void aClipIsWrittenWithFullScaleAt32767AndHeldInsideIt() throws Exception {
        Path file = dir.resolve("clip.wav");
        WavFiles.writeTelephone(new AudioClip(new float[]{1, -1, 0.5f, 1.5f, -1.5f, 0}, 8000), file);

        assertThat(WavFiles.readTelephone(file)).containsExactly(32767, -32767, 16384, 32767, -32768, 0);
    }

    @Test
    void aClipAtAnotherRateIsNotWrittenAsTelephoneAudio() {
        assertThatThrownBy(() -> WavFiles.writeTelephone(tones(16000, 0.1, 0.1, 1000), dir.resolve("wide.wav")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not 8 kHz: 16000");
    }

    @Test
    void mixesStereoDownAndResamplesWithoutLosingThePhoneBand() throws Exception {
        short[] wide = pcm(tones(16000, 1, 0.1, 1000));
        Path file = TestWavs.write(dir.resolve("wide.wav"), new AudioFormat(16000, 16, 2, true, false),
                TestWavs.littleEndian(wide, 2));

        AudioClip asStored = WavFiles.read(file);
        short[] phone = WavFiles.readTelephone(file);

        assertThat(asStored.sampleRate()).isEqualTo(16000);
        assertThat(asStored.samples()).hasSize(16000);
        assertThat(phone).hasSize(8000);
        assertThat(levelDbfs(Arrays.copyOfRange(phone, 400, 7600))).isCloseTo(levelDbfs(wide), within(0.2));
    }

    @Test
    void resamplingKeepsSoundsAboveThePhoneBandFromFoldingIntoIt() throws Exception {
        // 6 kHz at 48 kHz would alias to 2 kHz at 8 kHz if it were merely decimated.
        short[] wide = pcm(tones(48000, 1, 0.4, 6000));
        Path file = TestWavs.write(dir.resolve("high.wav"), new AudioFormat(48000, 16, 1, true, false),
                TestWavs.littleEndian(wide, 1));

        short[] phone = WavFiles.readTelephone(file);

        assertThat(phone).hasSize(8000);
        assertThat(levelDbfs(Arrays.copyOfRange(phone, 400, 7600))).isLessThan(-70);
    }

    @Test
    void decodesMuLawAndALaw() throws Exception {
        short[] samples = pcm(tones(8000, 0.5, 0.08, 700));
        Path pcm = dir.resolve("pcm.wav");
        WavFiles.writeTelephone(samples, pcm);
        for (AudioFormat.Encoding companding : new AudioFormat.Encoding[]{AudioFormat.Encoding.ULAW,
                AudioFormat.Encoding.ALAW}) {
            Path file = dir.resolve(companding + ".wav");
            try (AudioInputStream source = AudioSystem.getAudioInputStream(pcm.toFile());
                 AudioInputStream encoded = AudioSystem.getAudioInputStream(companding, source)) {
                AudioSystem.write(encoded, AudioFileFormat.Type.WAVE, file.toFile());
            }

            short[] decoded = WavFiles.readTelephone(file);

            assertThat(decoded).as("%s", companding).hasSize(samples.length);
            assertThat(levelDbfs(decoded)).as("%s", companding).isCloseTo(levelDbfs(samples), within(0.3));
        }
    }

    @Test
    void takesAProgramsOutputWhoseHeaderPromisedMoreButRefusesItAsARecording() throws Exception {
        // What espeak-ng --stdout writes: the lengths set to the most it might write, since a pipe cannot seek back.
        Path file = dir.resolve("streamed.wav");
        WavFiles.writeTelephone(new short[800], file);
        byte[] wav = Files.readAllBytes(file);
        byte[] unknownLength = {0x00, (byte) 0xf0, (byte) 0xff, 0x7f};
        System.arraycopy(unknownLength, 0, wav, 4, 4);
        System.arraycopy(unknownLength, 0, wav, 40, 4);
        Files.write(file, wav);

        assertThat(WavFiles.read(file).samples()).hasSize(800);
        assertRefused(file, "truncated");
    }

    @Test
    void refusesWhatIsNotAWavFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all, just words in a file");
        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        Path missing = dir.resolve("missing.wav");
        Path aiff = dir.resolve("tone.aiff");
        short[] samples = pcm(tones(8000, 0.1, 0.1, 1000));
        AudioFormat bigEndian = new AudioFormat(8000, 16, 1, true, true);
        try (AudioInputStream source = new AudioInputStream(
                new ByteArrayInputStream(bigEndianBytes(samples)), bigEndian, samples.length)) {
            AudioSystem.write(source, AudioFileFormat.Type.AIFF, aiff.toFile());
        }

        assertRefused(text, "not a WAV file");
        assertRefused(empty, "empty");
        assertRefused(missing, "no such file");
        assertRefused(aiff, "not a WAV file");
        assertThatThrownBy(() -> WavFiles.read(text)).isInstanceOf(UnusableAudioException.class)
                .hasMessageContaining("not a WAV file");
    }

    @Test
    void refusesATruncatedRecording() throws Exception {
        Path whole = dir.resolve("whole.wav");
        WavFiles.writeTelephone(pcm(tones(8000, 1, 0.1, 500)), whole);
        byte[] wav = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(wav, wav.length / 2));
        Path headerOnly = Files.write(dir.resolve("header.wav"), Arrays.copyOf(wav, 30));

        assertRefused(cut, "truncated");
        assertRefused(headerOnly, "not a WAV file");
    }

    @Test
    void refusesARecordingWithoutSamples() throws Exception {
        Path file = dir.resolve("none.wav");
        WavFiles.writeTelephone(new short[0], file);

        assertRefused(file, "no audio");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> WavFiles.readTelephone(file))
                .as("%s", file.getFileName())
                .isInstanceOf(UnusableAudioException.class)
                .hasMessageContaining(reason);
    }

    private static short[] pcm(AudioClip clip) {
        short[] samples = new short[clip.samples().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(clip.samples()[i] * 32767.0);
        }
        return samples;
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
