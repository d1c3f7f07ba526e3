package com.chengshi.hotline.audio;

/**
 * Changes a clip's sample rate through a Kaiser-windowed sinc low-pass, so nothing above the lower rate's Nyquist
 * frequency folds back into the band (the JDK's own conversion does no filtering and aliases). Rational rates are
 * computed polyphase: each of the {@code out/gcd(in, out)} output phases has its own precomputed taps.
 */
public final class Resampler {

    /** Pass band up to 85 % of the lower Nyquist frequency (3.4 kHz at 8 kHz, the telephone band)... */
    private static final double PASS_EDGE = 0.85;
    /** ...and at least this attenuation from the Nyquist frequency up. */
    private static final double STOP_ATTENUATION_DB = 80;

    private Resampler() {
    }

    public static AudioClip resample(AudioClip clip, int outRate) {
        int inRate = clip.sampleRate();
        if (inRate == outRate) {
            return clip;
        }
        int gcd = gcd(inRate, outRate);
        int inStep = inRate / gcd;
        int phases = outRate / gcd;

        double nyquist = Math.min(inRate, outRate) / 2.0;
        double cutoff = (PASS_EDGE + 1) / 2 * nyquist / inRate;      // cycles per input sample
        double transition = (1 - PASS_EDGE) * nyquist / inRate;
        double beta = 0.1102 * (STOP_ATTENUATION_DB - 8.7);
        int halfLength = (int) Math.ceil((STOP_ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * transition) / 2);
        double[][] taps = taps(phases, halfLength, cutoff, beta);

        float[] in = clip.samples();
        int outLength = (int) ((long) in.length * outRate / inRate);
        float[] out = new float[outLength];
        for (int m = 0; m < outLength; m++) {
            long position = (long) m * inStep;
            int centre = (int) (position / phases);
            double[] phaseTaps = taps[(int) (position % phases)];
            double sum = 0;
            for (int j = -halfLength; j <= halfLength; j++) {
                int k = centre + j;
                if (k >= 0 && k < in.length) {
                    sum += in[k] * phaseTaps[j + halfLength];
                }
            }
            out[m] = (float) sum;
        }
        return new AudioClip(out, outRate);
    }

    private static double[][] taps(int phases, int halfLength, double cutoff, double beta) {
        double[][] taps = new double[phases][2 * halfLength + 1];
        double windowNorm = besselI0(beta);
        for (int r = 0; r < phases; r++) {
            for (int j = -halfLength; j <= halfLength; j++) {
                double t = (double) r / phases - j;          // distance from the output instant, in input samples
                double x = t / (halfLength + 1);
                double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / windowNorm;
                taps[r][j + halfLength] = 2 * cutoff * sinc(2 * cutoff * t) * window;
            }
        }
        return taps;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for beta < 20). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
