package com.chengshi.hotline.flow;

/**
 * One listening window's verdict with the figures behind it.
 *
 * @param verdict          what was heard
 * @param speechLevelDbfs  active speech level in dBFS (the noise floor when no speech was heard)
 * @param noiseFloorDbfs   background level in dBFS
 * @param snrDb            speech level over the noise floor, in dB
 * @param decisionMs       when the verdict was reached, in ms after the window opened
 * @param listenedMs       how long the window stayed open, in ms (at least {@code decisionMs})
 * @param digit            a key the caller pressed during the window, which ended it; {@code null} if none
 */
public record LineReport(Verdict verdict, double speechLevelDbfs, double noiseFloorDbfs, double snrDb,
                         long decisionMs, long listenedMs, Character digit) {

    /** A window in which nothing at all was received: digital silence, or a phone that sends no audio. */
    public static LineReport nothingHeard(long listenedMs) {
        return new LineReport(Verdict.SILENT, -120.0, -120.0, 0.0, listenedMs, listenedMs, null);
    }

    public boolean pressedKey() {
        return digit != null;
    }
}
