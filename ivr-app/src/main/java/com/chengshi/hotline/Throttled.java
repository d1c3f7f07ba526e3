package com.chengshi.hotline;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A warning that may come thousands of times a second under a flood (a refused connection, a failing accept):
 * logged at most once per period, saying how many like it were left out since.
 */
public final class Throttled {

    /** One line, told how many were left out since the last line and how long ago that was. */
    @FunctionalInterface
    public interface Line {
        void log(long leftOut, long sinceLastMillis);
    }

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private boolean logged;
    private long leftOut;

    public Throttled(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    /** With the time read from {@code nanoTime}: tests move it on instead of waiting for it. */
    Throttled(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} (slf4j format) unless one was logged within the period; counts it then. */
    public void warn(String message, Object... args) {
        log((leftOut, sinceLastMillis) -> {
            if (leftOut > 0) {
                log.warn(message + " (and " + leftOut + " more like it in the last " + sinceLastMillis + " ms)", args);
            } else {
                log.warn(message, args);
            }
        });
    }

    /** Runs {@code line} unless a line was logged within the period; counts it as left out then. */
    public synchronized void log(Line line) {
        long now = nanoTime.getAsLong();
        if (logged && now - lastNanos < periodNanos) {
            leftOut++;
            return;
        }
        line.log(leftOut, (now - lastNanos) / 1_000_000);
        logged = true;
        lastNanos = now;
        leftOut = 0;
    }
}
