package com.chengshi.hotline.calllog;

/** The counters a call keeps of how often the hotline had to ask again. */
public enum Retry {
    SILENT("silent_retries"),
    NOISY("noisy_retries"),
    QUIET("quiet_retries"),
    NO_INPUT("no_input_retries"),
    INVALID("invalid_retries");

    private final String column;

    Retry(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
