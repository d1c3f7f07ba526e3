package com.chengshi.hotline.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Writes test WAV files in formats other than the telephone's, which {@link WavFiles} writes. */
public final class TestWavs {

    private TestWavs() {
    }

    public static Path write(Path file, AudioFormat format, byte[] data) throws IOException {
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Little-endian 16-bit bytes, the same samples on every channel. */
    public static byte[] littleEndian(short[] samples, int channels) {
        byte[] bytes = new byte[samples.length * 2 * channels];
        for (int i = 0; i < samples.length; i++) {
            for (int channel = 0; channel < channels; channel++) {
                int at = (i * channels + channel) * 2;
                bytes[at] = (byte) samples[i];
                bytes[at + 1] = (byte) (samples[i] >> 8);
            }
        }
        return bytes;
    }
}
