package com.chengshi.hotline.audio;

/** Test tones and what a clip holds at one frequency, for the audio tests and the prompt pipeline's. */
public final class TestClips {

    private TestClips() {
    }

    /** Samples of {@code frequencies} (Hz) at {@code amplitude} each. */
    public static AudioClip tones(int rate, double seconds, double amplitude, double... frequencies) {
        float[] s = new float[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            double v = 0;
            for (double f : frequencies) {
                v += amplitude * Math.sin(2 * Math.PI * f * i / rate);
            }
            s[i] = (float) v;
        }
        return new AudioClip(s, rate);
    }

    /** The amplitude of the {@code frequency} component (Goertzel over the middle of the clip, Hann-windowed). */
    public static double amplitudeAt(AudioClip clip, double frequency) {
        float[] s = clip.samples();
        int from = s.length / 4;
        int n = s.length / 2;
        double w = 2 * Math.PI * frequency / clip.sampleRate();
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            re += s[from + i] * hann * Math.cos(w * i);
            im += s[from + i] * hann * Math.sin(w * i);
            windowSum += hann;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
