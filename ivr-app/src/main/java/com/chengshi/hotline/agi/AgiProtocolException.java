package com.chengshi.hotline.agi;

/** Asterisk refused a command as unknown or malformed: a bug on our side, never the caller's doing. */
class AgiProtocolException extends RuntimeException {

    AgiProtocolException(String message) {
        super(message);
    }
}
