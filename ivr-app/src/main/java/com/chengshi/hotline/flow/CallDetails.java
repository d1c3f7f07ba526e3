package com.chengshi.hotline.flow;

/**
 * What Asterisk tells us about a call when it hands it over. The caller controls some of it (number and name on a
 * SIP trunk), so control characters are replaced, as they would otherwise reach the log and the call log raw.
 */
public record CallDetails(String uniqueId, String channel, String callerNumber, String callerName,
                          String dialledNumber, int seat, String language) {

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
