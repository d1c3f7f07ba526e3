package com.chengshi.hotline.agi;

/**
 * Asterisk refused a command as unknown or malformed (a bug on our side), or the other end broke the protocol (a
 * reply we cannot read, a message past our limits): never the caller's doing, so the call is handed back to the
 * dialplan as APP_ERROR.
 */
class AgiProtocolException extends RuntimeException {

    AgiProtocolException(String message) {
        super(message);
    }
}
