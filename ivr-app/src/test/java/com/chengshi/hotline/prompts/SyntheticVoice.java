package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in speech engine: syllable-like bursts of a 120 Hz voice with harmonics up to 7.5 kHz (so the resampler
 * has something to remove), one burst per character (at most eight), at 16 kHz. Counts how often it is asked to speak.
 */
final class SyntheticVoice implements TtsEngine {

    final AtomicInteger utterances = new AtomicInteger();
    private final String name;

    SyntheticVoice(String name) {
        this.name = name;
    }

    @Override
    public String identity() {
        return "synthetic:" + name;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    /** What a test's own engine does with a text: speak it, stall, or fail. */
    interface Speech {
        AudioClip speak(String text) throws IOException;
    }

    /** An engine that does what {@code speech} says, for tests of slow, hung and failing engines. */
    static TtsEngine engine(String identity, Speech speech) {
        return new TtsEngine() {
            @Override
            public String identity() {
                return identity;
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }

            @Override
            public AudioClip speak(String text) throws IOException {
                return speech.speak(text);
            }
        };
    }

    @Override
    public AudioClip speak(String text) {
        utterances.incrementAndGet();
        int syllables = Math.max(1, Math.min(text.length(), 8));
        float[] s = new float[syllables * 2 * SYLLABLE.length];
        for (int i = 0; i < syllables; i++) {
            System.arraycopy(SYLLABLE, 0, s, i * 2 * SYLLABLE.length, SYLLABLE.length);
        }
        return new AudioClip(s, RATE);
    }

    private static final int RATE = 16000;
    /** One syllable, then as long a pause: computed once, as the harmonics are costly. */
    private static final float[] SYLLABLE = syllable();

    private static float[] syllable() {
        float[] s = new float[RATE / 8];
        for (int i = 0; i < s.length; i++) {
            double envelope = Math.sin(Math.PI * i / s.length);
            double v = 0;
            for (int h = 1; h * 120 < 7500; h++) {
                v += Math.sin(2 * Math.PI * 120 * h * i / RATE) / h;
            }
            s[i] = (float) (0.2 * envelope * v);
        }
        return s;
    }
}
