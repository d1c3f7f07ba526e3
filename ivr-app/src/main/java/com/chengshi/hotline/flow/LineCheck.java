package com.chengshi.hotline.flow;


import java.time.Duration;

/** Listens to the caller for one window and says what the line sounds like. */
public interface LineCheck {

    /**
     * Listens on {@code call} for at most {@code window}. Ends early when the verdict is sure and the caller pauses,
     * or when the caller presses a key (returned in the report).
     *
     * @throws CallerHungUpException if the caller hangs up while we listen
     */
    LineReport listen(CallPort call, Duration window);
}
