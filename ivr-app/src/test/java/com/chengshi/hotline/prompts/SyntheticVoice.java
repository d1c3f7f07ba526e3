package com.chengshi.hotline.prompts;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in speech engine: syllable-like bursts of a 120 Hz voice with harmonics up to 7.5 kHz (so the resampler
 * has something to remove), one burst per character, at 16 kHz. Counts how often it is asked to speak.
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

    @Override
    public AudioClip speak(String text) {
        utterances.incrementAndGet();
        int rate = 16000;
        int syllable = rate / 8;
        float[] s = new float[Math.max(1, Math.min(text.length(), 40)) * syllable * 2];
        for (int i = 0; i < s.length; i++) {
            int inSyllable = i % (2 * syllable);
            if (inSyllable < syllable) {
                double envelope = Math.sin(Math.PI * inSyllable / syllable);
                double v = 0;
                for (int h = 1; h * 120 < 7500; h++) {
                    v += Math.sin(2 * Math.PI * 120 * h * i / rate) / h;
                }
                s[i] = (float) (0.2 * envelope * v);
            }
        }
        return new AudioClip(s, rate);
    }
}
