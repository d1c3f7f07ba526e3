package com.chengshi.hotline.audio;

import java.io.IOException;

/** An audio file that cannot be listened to, with the reason in the message. */
public final class UnusableAudioException extends IOException {

    UnusableAudioException(String reason) {
        super(reason);
    }
}
