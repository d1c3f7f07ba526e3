package com.chengshi.hotline.linecheck.audiosocket;

import java.io.IOException;

/** The peer sent something the AudioSocket protocol does not allow; the connection cannot be trusted further. */
final class AudioSocketProtocolException extends IOException {

    AudioSocketProtocolException(String message) {
        super(message);
    }
}
