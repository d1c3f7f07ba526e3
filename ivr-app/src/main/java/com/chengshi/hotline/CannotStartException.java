package com.chengshi.hotline;

/**
 * Why the hotline cannot start, in one line, and what to do about it. {@link StartupFailureAnalyzers} turn it into
 * Spring Boot's start-up failure report, so that the output ends with the cause, not with a stack trace.
 */
public class CannotStartException extends RuntimeException {

    private final String action;

    public CannotStartException(String cause, String action, Throwable source) {
        super(cause, source);
        this.action = action;
    }

    public CannotStartException(String cause, String action) {
        this(cause, action, null);
    }

    public String action() {
        return action;
    }
}
