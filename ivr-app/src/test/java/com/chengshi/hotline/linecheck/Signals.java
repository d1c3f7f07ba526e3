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

    /** Pink noise (−3 dB per octave, Paul Kellet's filter of white noise), RMS level about −20 dBFS. */
    static double[] pinkNoise(double seconds, long seed) {
        double[] white = whiteNoise(seconds, -20, seed);
        double[] pink = new double[white.length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < white.length; i++) {
            double w = white[i];
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            pink[i] = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) / 4;
            b6 = w * 0.115926;
        }
        return pink;
    }

    /** Brown noise (−6 dB per octave: leaky integrated white noise), rumble mostly below 200 Hz. */
    static double[] brownNoise(double seconds, long seed) {
        double[] white = whiteNoise(seconds, -20, seed);
        double[] brown = new double[white.length];
        double level = 0;
        for (int i = 0; i < white.length; i++) {
            level = 0.995 * level + white[i];
            brown[i] = level / 10;
        }
        return brown;
    }

    /** Mains hum or buzz: {@code hertz} and its harmonics up to 1 kHz, each {@code decay} times the one before. */
    static double[] hum(double seconds, double hertz, double decay) {
        double[] hum = new double[samples(seconds)];
        for (int i = 0; i < hum.length; i++) {
            double t = (double) i / RATE;
            double weight = 0.1;
            for (int harmonic = 1; harmonic * hertz < 1000; harmonic++) {
                hum[i] += weight * Math.sin(2 * Math.PI * harmonic * hertz * t);
                weight *= decay / harmonic * Math.min(harmonic, 2);
            }
        }
        return hum;
    }

    /** The signal with its loudness swinging by {@code depth} (0 to 1) at {@code hertz}. */
    static double[] modulated(double[] signal, double depth, double hertz) {
        double[] modulated = new double[signal.length];
        for (int i = 0; i < signal.length; i++) {
            modulated[i] = signal[i] * (1 - depth / 2 + depth / 2 * Math.sin(2 * Math.PI * hertz * i / RATE));
        }
        return modulated;
    }

    /** A one-pole low-pass: each output moves {@code share} of the way to the input. */
    static double[] lowPassed(double[] signal, double share) {
        double[] low = new double[signal.length];
        double state = 0;
        for (int i = 0; i < signal.length; i++) {
            state += share * (signal[i] - state);
            low[i] = state;
        }
        return low;
    }

    /**
     * Music like a guitar: plucked strings (Karplus-Strong) playing arpeggios of a chord progression, one note per
     * beat at {@code bpm} beats a minute, each string ringing on under the next.
     */
    static double[] pluckedArpeggio(double seconds, int bpm, long seed) {
        Random random = new Random(seed);
        double[] music = new double[samples(seconds)];
        int[][] chords = {{0, 4, 7, 12}, {-3, 0, 4, 9}, {5, 9, 12, 17}, {7, 11, 14, 19}};
        double root = 196 * Math.pow(2, random.nextInt(5) / 12.0);
        int beat = samples(60.0 / bpm);
        for (int note = 0; note * beat < music.length; note++) {
            int[] chord = chords[(note / 8) % chords.length];
            double hertz = root * Math.pow(2, chord[random.nextInt(chord.length)] / 12.0);
            int period = (int) Math.round(RATE / hertz);
            double[] string = new double[period];
            for (int i = 0; i < period; i++) {
                string[i] = random.nextDouble() - 0.5;
            }
            for (int i = 0, at = note * beat; i < 2 * RATE && at + i < music.length; i++) {
                int k = i % period;
                double value = string[k];
                string[k] = 0.996 * 0.5 * (value + string[(k + 1) % period]);
                music[at + i] += value;
            }
        }
        return music;
    }

    /**
     * Music like an organ with a singer-like lead: sustained chords of sine partials with a slow tremolo, and a melody
     * line with vibrato on top, a note every beat at {@code bpm}.
     */
    static double[] organChords(double seconds, int bpm, long seed) {
        Random random = new Random(seed);
        double[] music = new double[samples(seconds)];
        int[][] chords = {{0, 4, 7}, {5, 9, 12}, {-5, 2, 7}, {-3, 0, 4}};
        int[] scale = {0, 2, 4, 5, 7, 9, 11, 12};
        double root = 220 * Math.pow(2, (random.nextInt(7) - 3) / 12.0);
        int beat = samples(60.0 / bpm);
        double tremolo = 4 + 2 * random.nextDouble();
        double leadPhase = 0;
        double leadHertz = root * 2;
        for (int i = 0; i < music.length; i++) {
            int[] chord = chords[(i / (4 * beat)) % chords.length];
            double t = (double) i / RATE;
            double pad = 0;
            for (int interval : chord) {
                double hertz = root * Math.pow(2, interval / 12.0);
                pad += Math.sin(2 * Math.PI * hertz * t) + 0.3 * Math.sin(4 * Math.PI * hertz * t);
            }
            if (i % beat == 0) {
                leadHertz = root * 2 * Math.pow(2, scale[random.nextInt(scale.length)] / 12.0);
            }
            leadPhase += 2 * Math.PI * leadHertz * (1 + 0.01 * Math.sin(2 * Math.PI * 5.5 * t)) / RATE;
            double lead = Math.sin(leadPhase) + 0.5 * Math.sin(2 * leadPhase) + 0.25 * Math.sin(3 * leadPhase);
            music[i] = 0.3 * pad * (1 + 0.3 * Math.sin(2 * Math.PI * tremolo * t)) + lead;
        }
        return music;
    }

    /**
     * Crackle of a worn line or an old record: bursts of noise 1 to 5 ms long at about {@code burstsPerSecond},
     * often in quick clusters, of widely varying loudness.
     */
    static double[] crackleBursts(double seconds, double burstsPerSecond, long seed) {
        Random random = new Random(seed);
        double[] crackle = new double[samples(seconds)];
        int at = 0;
        while (true) {
            at += (int) (-Math.log(1 - random.nextDouble()) * RATE / burstsPerSecond);
            int bursts = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
            for (int burst = 0; burst < bursts; burst++, at += samples(0.002 + 0.01 * random.nextDouble())) {
                int length = samples(0.001 + 0.004 * random.nextDouble());
                double peak = Math.pow(10, -random.nextDouble());
                if (at + length >= crackle.length) {
                    return crackle;
                }
                for (int i = 0; i < length; i++) {
                    crackle[at + i] += peak * random.nextGaussian() * (1 - (double) i / length);
                }
            }
        }
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
