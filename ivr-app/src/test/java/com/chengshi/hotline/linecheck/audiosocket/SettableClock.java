package com.chengshi.hotline.linecheck.audiosocket;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test moves it, so gaps between frames are exact and tests never wait for time. */
final class SettableClock implements InstantSource {

    private volatile Instant now = Instant.parse("2026-11-23T09:08:05Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }
}
