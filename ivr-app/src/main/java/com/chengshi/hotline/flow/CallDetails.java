package com.chengshi.hotline.flow;

import java.time.Instant;

/**
 * What Asterisk tells us about a call when it hands it over. The caller controls some of it (number and name on a
 * SIP trunk), so control characters are replaced, as they would otherwise reach the log and the call log raw.
 */
public record CallDetails(String uniqueId, String channel, String callerNumber, String callerName,
                          String dialledNumber, int seat, String language, CallbackAttempt callback) {

    /** A call a caller made to us. */
    public CallDetails(String uniqueId, String channel, String callerNumber, String callerName, String dialledNumber,
                       int seat, String language) {
        this(uniqueId, channel, callerNumber, callerName, dialledNumber, seat, language, null);
    }

    /**
     * §15: a call we placed to call a callback request back (the callback dialer).
     *
     * @param requestId   the callback request ({@code callback_request.id})
     * @param attempt     which attempt on it this is, from 1
     * @param requestedAt when the caller asked for it, which the call back names
     * @param dialledBy   the node whose dialer placed the call
     */
    public record CallbackAttempt(long requestId, int attempt, Instant requestedAt, String dialledBy) {
    }

    /** Whether we placed this call (a call back), not the caller. */
    public boolean outbound() {
        return callback != null;
    }

    public CallDetails {
        uniqueId = printable(uniqueId);
        channel = printable(channel);
        callerNumber = printable(callerNumber);
        callerName = printable(callerName);
        dialledNumber = printable(dialledNumber);
        language = printable(language);
    }

    private static String printable(String value) {
        return value == null ? null : value.replaceAll("\\p{Cntrl}", "\uFFFD");
    }
}
