package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.audio.TelephoneFormat;

import java.util.Random;

/** Synthetic test signals at 8 kHz, as doubles in full-scale units (1.0 = 32768) until {@link #pcm} rounds them. */
final class Signals {

    static final int RATE = TelephoneFormat.SAMPLE_RATE;

    private Signals() {
    }

    static double[] silence(double seconds) {
        return new double[samples(seconds)];
    }

    /** White noise whose RMS level is {@code levelDbfs}. */
    static double[] whiteNoise(double seconds, double levelDbfs, long seed) {
        Random random = new Random(seed);
        double[] noise = new double[samples(seconds)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        return scaledTo(noise, levelDbfs);
    }

    /** A sine whose RMS level is {@code levelDbfs}. */
    static double[] tone(double seconds, double hertz, double levelDbfs) {
        return tone(seconds, hertz, levelDbfs, RATE);
    }

    /** A sine whose RMS level is {@code levelDbfs}, sampled at {@code sampleRate}. */
    static double[] tone(double seconds, double hertz, double levelDbfs, int sampleRate) {
        double[] tone = new double[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = Math.sin(2 * Math.PI * hertz * i / sampleRate);
        }
        return scaledTo(tone, levelDbfs);
    }

    /**
     * Something with the shape of speech, for the classifier: syllables of a voiced sound (a gliding pitch with
     * harmonics across the phone band, under a rise-and-fall envelope) separated by short gaps, at an active level of
     * {@code levelDbfs} (RMS over the syllables).
     */
    static double[] speechLike(double seconds, double levelDbfs, long seed) {
        Random random = new Random(seed);
        double[] speech = new double[samples(seconds)];
        double activeEnergy = 0;
        int activeSamples = 0;
        int at = 0;
        while (at < speech.length) {
            int syllable = samples(0.15 + 0.15 * random.nextDouble());
            double pitch = 110 + 90 * random.nextDouble();
            double loudness = 0.5 + random.nextDouble();
            double phase = 0;
            for (int i = 0; i < syllable && at + i < speech.length; i++) {
                double f0 = pitch * (1 + 0.1 * i / syllable);
                phase += 2 * Math.PI * f0 / RATE;
                double voiced = 0;
                for (int harmonic = 1; harmonic * f0 < 3400; harmonic++) {
                    voiced += Math.sin(harmonic * phase) / harmonic;
                }
                double envelope = Math.sin(Math.PI * i / syllable);
                speech[at + i] = loudness * envelope * voiced;
                activeEnergy += speech[at + i] * speech[at + i];
                activeSamples++;
            }
            at += syllable + samples(0.04 + 0.08 * random.nextDouble());
        }
        double rms = Math.sqrt(activeEnergy / activeSamples);
        return scaled(speech, Math.pow(10, levelDbfs / 20) / rms);
    }

    /** Crackle: clicks of a few milliseconds at random moments, each peaking near {@code peak} of full scale. */
    static double[] crackle(double seconds, double clicksPerSecond, double peak, long seed) {
        Random random = new Random(seed);
        double[] crackle = new double[samples(seconds)];
        int clickLength = samples(0.005);
        for (int click = 0; click < seconds * clicksPerSecond; click++) {
            int at = random.nextInt(crackle.length - clickLength);
            double sign = random.nextBoolean() ? peak : -peak;
            for (int i = 0; i < clickLength; i++) {
                crackle[at + i] += sign * Math.exp(-i / 6.0) * random.nextGaussian() / 2;
            }
        }
        return crackle;
    }

    /** {@code signal} placed at {@code atSeconds} into {@code background}, summed. */
    static double[] mixedAt(double[] background, double[] signal, double atSeconds) {
        double[] mix = background.clone();
        int start = samples(atSeconds);
        for (int i = 0; i < signal.length && start + i < mix.length; i++) {
            mix[start + i] += signal[i];
        }
        return mix;
    }

    static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] joined = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    /** Rounded to 16-bit samples, clipping what does not fit as an overdriven line would. */
    static short[] pcm(double[] signal) {
        short[] samples = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            long value = Math.round(signal[i] * 32768);
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        }
        return samples;
    }

    static double[] scaled(double[] signal, double factor) {
        double[] scaled = new double[signal.length];
        for (int i = 0; i < signal.length; i++) {
            scaled[i] = signal[i] * factor;
        }
        return scaled;
    }

    static int samples(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    private static double[] scaledTo(double[] signal, double levelDbfs) {
        double energy = 0;
        for (double value : signal) {
            energy += value * value;
        }
        double rms = Math.sqrt(energy / signal.length);
        return scaled(signal, Math.pow(10, levelDbfs / 20) / rms);
    }
}
