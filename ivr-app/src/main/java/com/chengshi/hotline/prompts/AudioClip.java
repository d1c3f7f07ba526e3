package com.chengshi.hotline.prompts;

/**
 * Mono audio as samples in [-1, 1] at a sample rate: what the engines produce and the pipeline works on.
 * The array is shared, not copied; the pipeline treats clips as values and never writes into one it did not create.
 */
record AudioClip(float[] samples, int sampleRate) {
}
