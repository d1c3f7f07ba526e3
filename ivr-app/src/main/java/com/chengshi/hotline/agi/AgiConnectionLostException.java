package com.chengshi.hotline.agi;

/** The connection to Asterisk closed or broke in the middle of a call. */
class AgiConnectionLostException extends RuntimeException {

    AgiConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
