package com.chengshi.hotline.linecheck.audiosocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records what a session delivers; ends the window after a set number of audio frames, if told to. */
final class RecordingListener implements AudioSocketListener {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final int endAfterFrames;
    private final List<short[]> frames = new ArrayList<>();
    private final List<short[]> buffersSeen = new ArrayList<>();
    private final StringBuilder digits = new StringBuilder();
    private final CompletableFuture<SessionEnd> end = new CompletableFuture<>();
        private int endCalls;

    /** Listens until Asterisk or the owner ends the session. */
    RecordingListener() {
        this(Integer.MAX_VALUE);
    }

    RecordingListener(int endAfterFrames) {
        this.endAfterFrames = endAfterFrames;
    }

    @Override
    public synchronized boolean onAudio(short[] samples, int count) {
        frames.add(Arrays.copyOf(samples, count));
        if (buffersSeen.stream().noneMatch(seen -> seen == samples)) {
            buffersSeen.add(samples);
        }
        notifyAll();
        return frames.size() >= endAfterFrames;
    }

    @Override
    public synchronized void onDtmf(char digit) {
        digits.append(digit);
    }

    @Override
    public synchronized void onEnd(SessionEnd how) {
        endCalls++;
        end.complete(how);
    }

    /** How the session ended, once the listener has been told. */
    SessionEnd awaitEnd() throws InterruptedException, ExecutionException, TimeoutException {
        return end.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} audio frames have arrived, so a test knows the server has read them. */
    synchronized void awaitFrames(int count) throws InterruptedException {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (frames.size() < count) {
            long left = giveUp - System.nanoTime();
            assertTrue(left > 0, "only " + frames.size() + " of " + count + " audio frames arrived");
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<short[]> frames() {
        return List.copyOf(frames);
    }

    synchronized int distinctBuffers() {
        return buffersSeen.size();
    }

    synchronized String digits() {
        return digits.toString();
    }

    synchronized int endCalls() {
        return endCalls;
    }

    synchronized boolean heardAnything() {
        return !frames.isEmpty() || digits.length() > 0 || endCalls > 0;
    }
}
