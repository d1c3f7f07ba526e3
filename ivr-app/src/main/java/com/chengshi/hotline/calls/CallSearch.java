package com.chengshi.hotline.calls;

import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Verdict;

import java.time.Instant;

/**
 * What a supervisor searches the call log by; every part is optional but the time range. {@code callerNumber} matches
 * any part of the number, {@code step} the step a call ended in.
 */
public record CallSearch(Instant from, Instant to, String callerNumber, Outcome outcome, String step,
                         Verdict verdict) {

    static final int MOST_ROWS = 10_000;
}
