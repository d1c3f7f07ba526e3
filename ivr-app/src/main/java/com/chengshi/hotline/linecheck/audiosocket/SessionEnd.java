package com.chengshi.hotline.linecheck.audiosocket;

/** How an AudioSocket session ended, as far as the TCP stream can tell. */
public enum SessionEnd {
    /** We ended the window: the listener asked, the caller pressed a key, the owner called end, or time ran out. */
    ENDED_BY_US,
    /**
     * Asterisk closed the stream while the caller's audio was still flowing, without a hang-up frame (capture 08),
     * or sent a hang-up or "calling party hung up" error frame itself. The channel is gone.
     */
    CALLER_HUNG_UP,
    /**
     * Asterisk closed the stream without sending any audio: the phone sends none (silence suppression), and Asterisk
     * gives up after 2 s of no activity (capture 06). The channel is still up. A caller who hangs up within those
     * 2 s looks the same from here; the AGI side sees that hang-up.
     */
    NO_AUDIO,
    /**
     * Audio flowed, then stopped, and Asterisk closed the stream about 2 s later: its no-activity timeout, as with
     * a phone that stops sending while the caller is silent. The channel is still up, unless the caller hung up
     * during that silence; the AGI side sees that hang-up.
     */
    AUDIO_STOPPED,
    /** The stream broke the protocol or failed, the listener threw, or the server stopped. */
    ERROR,
    /** No connection for the session arrived (e.g. Asterisk ran AudioSocket on a channel already hung up). */
    NOT_CONNECTED
}
