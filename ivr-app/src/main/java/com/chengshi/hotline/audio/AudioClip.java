package com.chengshi.hotline.audio;

import java.util.Arrays;
import java.util.List;

/**
 * Mono audio as samples in [-1, 1] at a sample rate: what the engines produce and the pipeline works on.
 * The array is shared, not copied; the pipeline treats clips as values and never writes into one it did not create.
 */
public record AudioClip(float[] samples, int sampleRate) {

    /** Below this share of the loudest 10 ms, a stretch at either end counts as the engine's silence. */
    private static final double EDGE_SILENCE = 0.03;

    /** The clip without the silence an engine puts before and after the words, keeping 10 ms at each end. */
    public AudioClip trimmedToSpeech() {
        int frame = sampleRate / 100;
        int frames = samples.length / frame;
        double[] rms = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += samples[i] * samples[i];
            }
            rms[f] = Math.sqrt(sum / frame);
            loudest = Math.max(loudest, rms[f]);
        }
        int first = 0;
        while (first < frames && rms[first] <= loudest * EDGE_SILENCE) {
            first++;
        }
        int last = frames - 1;
        while (last > first && rms[last] <= loudest * EDGE_SILENCE) {
            last--;
        }
        if (first >= frames) {
            return this;
        }
        int from = Math.max(0, (first - 1) * frame);
        int to = Math.min(samples.length, (last + 2) * frame);
        return new AudioClip(Arrays.copyOfRange(samples, from, to), sampleRate);
    }

    /** Clips one after another: {@code shortGapMs} between the clips of a group, {@code longGapMs} between groups. */
    public static AudioClip joined(List<List<AudioClip>> groups, int sampleRate, int shortGapMs, int longGapMs) {
        int shortGap = sampleRate * shortGapMs / 1000;
        int longGap = sampleRate * longGapMs / 1000;
        int length = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < groups.get(g).size(); c++) {
                length += (c > 0 ? shortGap : g > 0 ? longGap : 0) + groups.get(g).get(c).samples().length;
            }
        }
        float[] joined = new float[length];
        int at = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < groups.get(g).size(); c++) {
                at += c > 0 ? shortGap : g > 0 ? longGap : 0;
                float[] clip = groups.get(g).get(c).samples();
                System.arraycopy(clip, 0, joined, at, clip.length);
                at += clip.length;
            }
        }
        return new AudioClip(joined, sampleRate);
    }
}
