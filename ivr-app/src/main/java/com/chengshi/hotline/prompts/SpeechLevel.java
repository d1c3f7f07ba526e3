package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;

/**
 * Active speech level (a simplified ITU-T P.56: the energy of the 20 ms frames within 30 dB of the loudest one, so
 * pauses do not pull the figure down) and the gain that brings a clip to a target level without clipping.
 * Levels are dBFS relative to a full-scale DC signal (a full-scale sine is about -3 dBFS).
 */
final class SpeechLevel {

    /** Peaks stay at or below this, in dBFS, whatever the target asks. */
    static final double PEAK_CEILING_DBFS = -1;
    private static final double ACTIVE_RANGE_DB = 30;
    static final double SILENCE_DBFS = -120;

    private SpeechLevel() {
    }

    static double activeDbfs(AudioClip clip) {
        float[] s = clip.samples();
        int frame = Math.max(1, clip.sampleRate() / 50);
        int frames = (s.length + frame - 1) / frame;
        double[] energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            int end = Math.min(s.length, (f + 1) * frame);
            double sum = 0;
            for (int i = f * frame; i < end; i++) {
                sum += (double) s[i] * s[i];
            }
            energy[f] = sum / (end - f * frame);
            loudest = Math.max(loudest, energy[f]);
        }
        if (loudest == 0) {
            return SILENCE_DBFS;
        }
        double threshold = loudest * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        double activeSum = 0;
        int active = 0;
        for (double e : energy) {
            if (e >= threshold) {
                activeSum += e;
                active++;
            }
        }
        return 10 * Math.log10(activeSum / active);
    }

    static double peakDbfs(AudioClip clip) {
        double peak = 0;
        for (float v : clip.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak == 0 ? SILENCE_DBFS : 20 * Math.log10(peak);
    }

    /** The clip scaled to {@code targetDbfs} active level, or less if its peaks would pass the ceiling. */
    static AudioClip levelled(AudioClip clip, double targetDbfs) {
        double level = activeDbfs(clip);
        if (level <= SILENCE_DBFS) {
            return clip;
        }
        double gainDb = Math.min(targetDbfs - level, PEAK_CEILING_DBFS - peakDbfs(clip));
        float gain = (float) Math.pow(10, gainDb / 20);
        float[] out = new float[clip.samples().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip.samples()[i] * gain;
        }
        return new AudioClip(out, clip.sampleRate());
    }
}
