package com.chengshi.hotline.simulate;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** What the simulated caller hears, in order: prompts, and silence while the hotline listens or waits. */
final class HeardAudio {

    private static final AudioFormat PHONE = new AudioFormat(8000f, 16, 1, true, false);

    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

    void add(short[] samples, int count, double gain) {
        for (int i = 0; i < count; i++) {
            int sample = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * gain)));
            pcm.write(sample & 0xff);
            pcm.write((sample >> 8) & 0xff);
        }
    }

    void silence(long ms) {
        pcm.writeBytes(new byte[(int) (ms * RecordedCall.SAMPLES_PER_MS * 2)]);
    }

    long lengthMs() {
        return pcm.size() / 2 / RecordedCall.SAMPLES_PER_MS;
    }

    void writeWav(Path file) throws IOException {
        byte[] bytes = pcm.toByteArray();
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), PHONE, bytes.length / 2)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
