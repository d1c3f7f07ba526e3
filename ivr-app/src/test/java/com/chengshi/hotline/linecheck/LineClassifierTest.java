package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static com.chengshi.hotline.linecheck.Signals.concat;
import static com.chengshi.hotline.linecheck.Signals.mixedAt;
import static com.chengshi.hotline.linecheck.Signals.pcm;
import static com.chengshi.hotline.linecheck.Signals.scaled;
import static com.chengshi.hotline.linecheck.Signals.silence;
import static com.chengshi.hotline.linecheck.Signals.speechLike;
import static com.chengshi.hotline.linecheck.Signals.tone;
import static com.chengshi.hotline.linecheck.Signals.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LineClassifierTest {

    private static final LineCheckProperties SETTINGS = LineCheckProperties.defaults();
    private static final int FRAME = 160;

    @Test
    void reportsNothingHeardBeforeAnyAudio() {
        assertThat(new LineClassifier(SETTINGS).report()).isEqualTo(LineReport.nothingHeard(0));
    }

    @Test
    void digitalSilenceIsSilentWithFiniteFiguresAndEndsOnlyWithTheWindow() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        short[] zeros = new short[FRAME];
        int framesInWindow = (int) (SETTINGS.maxWindow().toMillis() / 20);
        for (int frame = 1; frame < framesInWindow; frame++) {
            assertThat(classifier.accept(zeros, 0, FRAME)).as("frame %d", frame).isFalse();
        }
        assertThat(classifier.accept(zeros, 0, FRAME)).isTrue();

        LineReport report = classifier.report();
        assertThat(report.verdict()).isEqualTo(Verdict.SILENT);
        assertFinite(report);
        assertThat(report.speechLevelDbfs()).isEqualTo(-120.0);
        assertThat(report.decisionMs()).isEqualTo(SETTINGS.maxWindow().toMillis());
        assertThat(report.listenedMs()).isEqualTo(SETTINGS.maxWindow().toMillis());
        assertThat(report.digit()).isNull();
    }

    @Test
    void faintLineNoiseIsSilent() {
        LineReport report = listen(pcm(whiteNoise(5, -72, 1)));

        assertThat(report.verdict()).isEqualTo(Verdict.SILENT);
        assertThat(report.noiseFloorDbfs()).isCloseTo(-72, within(1.0));
    }

    @Test
    void loudSteadyNoiseIsNoisyWithinAboutASecondAndEndsTheWindowAtOnce() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        int endedAtFrame = feedUntilDone(classifier, pcm(whiteNoise(5, -22, 2)), FRAME);

        LineReport report = classifier.report();
        assertThat(report.verdict()).isEqualTo(Verdict.NOISY);
        assertThat(report.noiseFloorDbfs()).isCloseTo(-22, within(1.0));
        assertThat(report.decisionMs()).isLessThanOrEqualTo(1500);
        assertThat(endedAtFrame * 20L).isEqualTo(report.decisionMs());
    }

    @Test
    void steadyTonesAreNotSpeech() {
        assertThat(listen(pcm(tone(5, 1000, -12))).verdict()).isEqualTo(Verdict.NOISY);
        assertThat(listen(pcm(tone(5, 50, -20))).verdict()).as("mains hum").isEqualTo(Verdict.NOISY);
        assertThat(listen(pcm(tone(5, 425, -75))).verdict()).as("faint dial tone").isEqualTo(Verdict.SILENT);
    }

    @Test
    void crackleIsNotTakenForSpeech() {
        LineReport report = listen(pcm(mixedAt(whiteNoise(6, -70, 18), Signals.crackle(6, 10, 0.5, 19), 0)));

        assertThat(report.verdict()).isIn(Verdict.NOISY, Verdict.SILENT);
    }

    @Test
    void aCallerTalkingFromTheFirstMomentIsNotCalledNoisyBeforeTheBackgroundIsHeard() {
        short[] call = pcm(mixedAt(whiteNoise(5, -60, 20), speechLike(4, -24, 21), 0));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.CLEAR);
    }

    @Test
    void clearSpeechIsCalledEarlyButTheWindowWaitsForThePause() {
        double[] background = whiteNoise(6, -65, 3);
        double[] talk = speechLike(2.5, -22, 4);
        short[] call = pcm(mixedAt(background, talk, 0.5));
        LineClassifier classifier = new LineClassifier(SETTINGS);

        int endedAtFrame = feedUntilDone(classifier, call, FRAME);

        LineReport report = classifier.report();
        assertThat(report.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(report.decisionMs()).as("decided within a second of the speech").isBetween(500L, 1500L);
        long talkEndsMs = 3000;
        assertThat(endedAtFrame * 20L).as("waits for the caller to stop talking")
                .isBetween(talkEndsMs + SETTINGS.endOfUtterancePause().toMillis(), talkEndsMs + 1000);
        assertThat(report.listenedMs()).isEqualTo(endedAtFrame * 20L);
        assertThat(report.speechLevelDbfs()).isCloseTo(-22, within(2.0));
        assertThat(report.noiseFloorDbfs()).isCloseTo(-65, within(3.0));
        assertThat(report.snrDb()).isGreaterThan(35);
    }

    @Test
    void aCallerTalkingPastTheWindowIsHeardToTheirPause() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        short[] call = pcm(mixedAt(whiteNoise(18, -65, 22), speechLike(15, -22, 23), 0.4));

        int endedAtFrame = feedUntilDone(classifier, call, FRAME);

        assertThat(classifier.report().verdict()).isEqualTo(Verdict.CLEAR);
        long talkEndsMs = 15_400;
        assertThat(endedAtFrame * 20L).as("15 s of talk, well past the 6 s window, heard to the end")
                .isBetween(talkEndsMs + SETTINGS.endOfUtterancePause().toMillis(), talkEndsMs + 1000);
    }

    @Test
    void theFlowsWindowIsNotOverWhileTheCallerIsInMidSentence() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        short[] talk = pcm(mixedAt(whiteNoise(8, -65, 22), speechLike(7.6, -22, 23), 0.4));
        java.time.Duration window = java.time.Duration.ofSeconds(5);

        classifier.accept(talk, 0, 8000 * 5);

        assertThat(classifier.callerIsTalking()).isTrue();
        assertThat(classifier.windowOver(5000, window)).isFalse();
        LineClassifier noisy = new LineClassifier(SETTINGS);
        noisy.accept(pcm(whiteNoise(5, -20, 5)), 0, 8000 * 5);
        assertThat(noisy.windowOver(5000, window)).as("noise holds no window open").isTrue();
    }

    @Test
    void aCallerWhoNeverPausesIsCutOffOnlyByTheLongestUtterance() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        short[] call = pcm(mixedAt(whiteNoise(36, -65, 22), speechLike(35, -22, 23), 0.4));

        int endedAtFrame = feedUntilDone(classifier, call, FRAME);

        assertThat(classifier.report().verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(endedAtFrame * 20L).isEqualTo(SETTINGS.longestUtterance().toMillis());
    }

    @Test
    void faintSpeechIsQuiet() {
        short[] call = pcm(mixedAt(whiteNoise(5, -72, 5), speechLike(3, -48, 6), 0.8));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.QUIET);
        assertThat(report.speechLevelDbfs()).isCloseTo(-48, within(2.0));
    }

    @Test
    void speechDrownedInNoiseIsNoisy() {
        short[] call = pcm(mixedAt(whiteNoise(5, -26, 7), speechLike(3, -25, 8), 0.8));

        assertThat(listen(call).verdict()).isEqualTo(Verdict.NOISY);
    }

    @Test
    void speechOverModerateNoiseIsNoisyByItsSignalToNoiseRatio() {
        // Background too faint to be NOISY on its own, speech too close to it to be followed.
        short[] call = pcm(mixedAt(whiteNoise(5, -45, 9), speechLike(3, -40, 10), 0.8));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.NOISY);
        assertThat(report.snrDb()).isBetween(0.0, 10.0);
    }

    @Test
    void loudClicksUnderSpeechAreNoiseThoughTheyNeverPassForSyllables() {
        double[] clicks = Signals.crackle(5, 15, 0.9, 30);
        short[] call = pcm(mixedAt(mixedAt(whiteNoise(5, -70, 31), clicks, 0), speechLike(4, -30, 32), 0.8));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.NOISY);
        assertThat(report.speechLevelDbfs()).isCloseTo(-30, within(3.0));
    }

    @Test
    void faintClicksUnderClearSpeechLeaveItClear() {
        double[] clicks = Signals.crackle(5, 15, 0.02, 33);
        short[] call = pcm(mixedAt(mixedAt(whiteNoise(5, -70, 34), clicks, 0), speechLike(4, -22, 35), 0.8));

        assertThat(listen(call).verdict()).isEqualTo(Verdict.CLEAR);
    }

    @Test
    void aFaintBackgroundSwellingBeforeTheCallerStartsIsNotTakenForAQuietCaller() {
        // Other voices, far off, for two seconds; then the caller, loud and clear.
        double[] background = mixedAt(whiteNoise(6, -75, 36), speechLike(2, -52, 37), 0);
        short[] call = pcm(mixedAt(background, speechLike(3, -22, 38), 2.0));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.CLEAR);
    }

    @Test
    void aSwellTooFaintForAnyCallerIsASilentLine() {
        short[] call = pcm(mixedAt(whiteNoise(5, -78, 39), speechLike(4, -66, 40), 0.5));

        assertThat(listen(call).verdict()).isEqualTo(Verdict.SILENT);
    }

    @Test
    void aCallerHeardClearAtFirstIsNoisyOnceLoudCrackleSetsIn() {
        double[] crackle = Signals.concat(silence(1.5), Signals.crackle(3.5, 30, 1.0, 45));
        short[] call = pcm(mixedAt(mixedAt(whiteNoise(5, -70, 46), crackle, 0), speechLike(4, -24, 47), 0.5));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.NOISY);
        assertThat(report.decisionMs()).isGreaterThan(1500);
    }

    @Test
    void overdrivenClippedSpeechIsStillClearWithFiguresAtMostFullScale() {
        double[] talk = scaled(speechLike(3, -20, 11), 30);
        short[] call = pcm(mixedAt(whiteNoise(5, -70, 12), talk, 0.5));

        LineReport report = listen(call);

        assertThat(report.verdict()).isEqualTo(Verdict.CLEAR);
        assertFinite(report);
        assertThat(report.speechLevelDbfs()).isBetween(-10.0, 0.1);
    }

    @Test
    void fullScaleSquareWaveStaysFinite() {
        short[] square = new short[8000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 4) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        LineReport report = listen(square);

        assertFinite(report);
        assertThat(report.noiseFloorDbfs()).isBetween(-0.1, 0.1);
    }

    @Test
    void hearsTheSameWhateverTheChunkSize() {
        short[] call = pcm(concat(mixedAt(whiteNoise(4, -60, 13), speechLike(2, -30, 14), 0.7)));

        LineReport byFrame = feedAll(call, FRAME);

        assertThat(feedAll(call, 1)).isEqualTo(byFrame);
        assertThat(feedAll(call, 37)).isEqualTo(byFrame);
        assertThat(feedAll(call, 1000)).isEqualTo(byFrame);
    }

    @Test
    void lessThanAFrameIsNothingHeardYet() {
        LineClassifier classifier = new LineClassifier(SETTINGS);

        assertThat(classifier.accept(new short[]{1234}, 0, 1)).isFalse();

        LineReport report = classifier.report();
        assertThat(report.verdict()).isEqualTo(Verdict.SILENT);
        assertFinite(report);
    }

    @Test
    void readsOnlyTheGivenSlice() {
        short[] call = pcm(mixedAt(whiteNoise(4, -60, 15), speechLike(2, -30, 16), 0.7));
        short[] padded = new short[call.length + 500];
        Arrays.fill(padded, Short.MAX_VALUE);
        System.arraycopy(call, 0, padded, 200, call.length);
        LineClassifier classifier = new LineClassifier(SETTINGS);

        classifier.accept(padded, 200, call.length);

        assertThat(classifier.report()).isEqualTo(feedAll(call, call.length));
    }

    @Test
    void aQuietPauseBeforeSpeechDoesNotEndTheWindow() {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        short[] call = pcm(concat(silence(1.5), speechLike(1, -20, 17)));

        assertThat(feedUntilDone(classifier, call, FRAME)).as("no verdict yet, so the window stays open").isEqualTo(-1);
    }

    @Test
    void listeningAllocatesNothingPerFrame() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[] call = pcm(mixedAt(whiteNoise(6, -60, 24), speechLike(4, -25, 25), 0.5));
        LineClassifier classifier = new LineClassifier(SETTINGS);
        long threadId = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(threadId);
        for (int round = 0; round < 20; round++) {
            for (int at = 0; at + FRAME <= call.length; at += FRAME) {
                classifier.accept(call, at, FRAME);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(allocated).as("bytes allocated over 6000 frames").isLessThan(1024);
    }

    private static LineReport listen(short[] call) {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        feedUntilDone(classifier, call, FRAME);
        return classifier.report();
    }

    /** Feeds {@code call} in chunks until accept says the window may end; returns the frames heard by then, or -1. */
    private static int feedUntilDone(LineClassifier classifier, short[] call, int chunk) {
        for (int at = 0; at < call.length; at += chunk) {
            int length = Math.min(chunk, call.length - at);
            if (classifier.accept(call, at, length)) {
                return (at + length) / FRAME;
            }
        }
        return -1;
    }

    private static LineReport feedAll(short[] call, int chunk) {
        LineClassifier classifier = new LineClassifier(SETTINGS);
        for (int at = 0; at < call.length; at += chunk) {
            classifier.accept(call, at, Math.min(chunk, call.length - at));
        }
        return classifier.report();
    }

    private static void assertFinite(LineReport report) {
        assertThat(report.speechLevelDbfs()).isFinite();
        assertThat(report.noiseFloorDbfs()).isFinite();
        assertThat(report.snrDb()).isFinite();
    }
}
