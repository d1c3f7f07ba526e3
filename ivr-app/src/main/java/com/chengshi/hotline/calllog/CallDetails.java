package com.chengshi.hotline.calllog;

/** What Asterisk tells us about a call when it hands it over. */
public record CallDetails(String uniqueId, String channel, String callerNumber, String callerName,
                          String dialledNumber, int seat, String language) {
}
