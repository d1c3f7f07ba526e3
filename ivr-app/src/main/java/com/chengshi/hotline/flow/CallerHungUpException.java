package com.chengshi.hotline.flow;

/** The caller hung up: normal on a phone line, so the flow unwinds and the call log records where. */
public class CallerHungUpException extends RuntimeException {

    public CallerHungUpException() {
        super("caller hung up", null, false, false);
    }
}
