package com.chengshi.hotline.linecheck.audiosocket;

/**
 * Receives one AudioSocket session. All calls come on the session's own thread, one at a time; {@link #onEnd}
 * comes exactly once, last, and only for a session whose connection arrived.
 */
public interface AudioSocketListener {

    /**
     * One frame of the caller's audio: signed 16-bit samples, 8 kHz mono. The array is reused for the next frame,
     * so copy what must be kept.
     *
     * @return true to end the listening window now
     */
    boolean onAudio(short[] samples, int count);

    /** The caller pressed a key (sent when the key is released). The window ends after this. */
    void onDtmf(char digit);

    /** The session is over and its socket closed. */
    void onEnd(SessionEnd end);
}
