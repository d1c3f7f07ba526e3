package com.chengshi.hotline.linecheck;

/** An audio file that cannot be listened to, with the reason in the message. */
public final class UnusableAudioException extends Exception {

    public UnusableAudioException(String reason) {
        super(reason);
    }
}
