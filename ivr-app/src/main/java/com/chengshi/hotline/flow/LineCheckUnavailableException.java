package com.chengshi.hotline.flow;

/**
 * The line could not be listened to (e.g. Asterisk never connected the audio stream). That is our fault, not the
 * caller's: the flow carries on as if the line were clear rather than turn a caller away.
 */
public class LineCheckUnavailableException extends RuntimeException {

    public LineCheckUnavailableException(String message) {
        super(message);
    }
}
