package com.chengshi.hotline.simulate;

import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** What the simulated caller hears, in order: prompts, and silence while the hotline listens or waits. */
final class HeardAudio {

    private short[] pcm = new short[0];
    private int length;

    void add(short[] samples, int count, double gain) {
        grow(count);
        for (int i = 0; i < count; i++) {
            pcm[length++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * gain)));
        }
    }

    void silence(long ms) {
        int count = (int) (ms * TelephoneFormat.SAMPLES_PER_MS);
        grow(count);
        length += count;
    }

    long lengthMs() {
        return length / TelephoneFormat.SAMPLES_PER_MS;
    }

    void writeWav(Path file) throws IOException {
        WavFiles.writeTelephone(Arrays.copyOf(pcm, length), file);
    }

    /** Room for {@code count} more samples; what is added is silence until written. */
    private void grow(int count) {
        if (length + count > pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(length + count, 2 * pcm.length));
        }
    }
}
