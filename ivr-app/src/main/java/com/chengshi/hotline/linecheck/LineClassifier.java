package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import java.time.Duration;
import java.util.Objects;

import static com.chengshi.hotline.audio.TelephoneFormat.SAMPLE_RATE;

/**
 * Listens to one window of caller audio (signed 16-bit, 8 kHz, mono) and says whether the line is clear, too quiet,
 * noisy or silent, as early as it can be sure.
 *
 * <p>Per 20 ms frame it measures the full-band power and the power in the speech band (a high-pass above hum and
 * rumble). The speech-band level, as the median of the frame and two on either side (so that clicks and crackle of
 * a frame or two never pass for syllables, at the price of judging each frame 40 ms late), goes into a level
 * histogram whose low percentile is the background; frames well above it are speech. Full-band powers are summed per
 * histogram bin, so at any moment the active speech level (the mean power of speech frames, less the background, in
 * the manner of ITU-T P.56) and the noise level (the mean power of all other frames, so that a background that
 * swells and fades, music or other voices, counts at its mean and not at its lulls) are one pass over the histogram
 * away. Clicks and crackle, which the median keeps out of the histogram, are measured in 2.5 ms blocks and added to
 * the noise. The histogram keeps the cost fixed per frame and free of allocation however long the window runs. A
 * sound that is steady from the start (hum, a tone, hiss) sets the floor itself, so it is not taken for speech.
 *
 * <p>CLEAR is given as soon as the figures are sure; QUIET, and NOISY with speech, only after a few seconds, because
 * what first rose above the background may be other voices or music before the caller has said a word. A CLEAR
 * verdict becomes NOISY if the caller, going on, turns out to be as loud as a background that had waned.
 *
 * <p>Not thread-safe: one instance listens to one window.
 */
public final class LineClassifier {

    private static final int FRAME_SAMPLES = 160;
    private static final int FRAME_MS = 1000 * FRAME_SAMPLES / SAMPLE_RATE;
    private static final int MEDIAN_FRAMES = 5;
    private static final int MEDIAN_DELAY = MEDIAN_FRAMES / 2;

    /** Levels below this count as digital silence; it matches {@link LineReport#nothingHeard}. */
    private static final double LEVEL_FLOOR_DBFS = -120.0;
    private static final double LEVEL_CEILING_DBFS = 10.0;
    private static final double BIN_DB = 0.5;
    private static final int BINS = (int) ((LEVEL_CEILING_DBFS - LEVEL_FLOOR_DBFS) / BIN_DB) + 1;
    private static final double MIN_POWER = Math.pow(10.0, LEVEL_FLOOR_DBFS / 10.0);

    /**
     * A frame whose samples all stay within this many steps of zero carries no signal: the idle codes of G.711 decode
     * to 0 (µ-law) or ±8 (A-law), and a phone that sends them says nothing about the line. Such frames pass time and
     * count as a pause, but stay out of the level histogram: taken as the background, they would make the line's own
     * hiss, when it starts, look like a faint caller.
     */
    private static final int NO_SIGNAL_PEAK = 8;

    /**
     * Clicks and crackle, which the median keeps out of the levels, are measured apart, as the noise they are: in
     * blocks of 2.5 ms, a block this many times stronger (in the speech band) than every block from 5 to 12.5 ms
     * before and after it is a click (or a burst of crackle up to 5 ms), and what it holds above the strongest of them
     * is noise. Syllables rise and fall slower, and the pulses of a voice recur within 12.5 ms down to 80 Hz.
     */
    private static final int BLOCK_SAMPLES = 20;
    private static final int CLICK_GAP_BLOCKS = 2;
    private static final int CLICK_SPAN_BLOCKS = 5;
    private static final int CLICK_BLOCKS = 2 * CLICK_SPAN_BLOCKS + 1;
    private static final double CLICK_RATIO = 8.0;

    /** Speech close to the background is measured as this share of the speech frames' power at least, never zero. */
    private static final double MIN_SPEECH_SHARE = 0.1;

    private final LineCheckProperties settings;

    // Speech-band high-pass: second-order Butterworth, RBJ cookbook form.
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    private final int speechAboveFloorBins;
    private final int speechMinBin;
    private final int minSpeechFrames;
    private final int speechForVerdictFrames;
    private final int noiseForVerdictFrames;
    private final int doubtfulVerdictFrames;
    private final int pauseFrames;
    private final int maxWindowFrames;
    private final int longestUtteranceFrames;

    private long samplesHeard;
    private int samplesInFrame;
    private double frameFullEnergy;
    private double frameBandEnergy;
    private int framePeak;
    private final double[] recentBandPowers = new double[MEDIAN_FRAMES];
    private final double[] recentFullPowers = new double[MEDIAN_FRAMES];
    private final double[] medianScratch = new double[MEDIAN_FRAMES];

    private int framesHeard;
    /** Frames that carried a signal (see {@link #NO_SIGNAL_PEAK}); the median filter runs over these alone. */
    private int signalFrames;
    /** Frames in the histogram: all heard but the last {@link #MEDIAN_DELAY}, which await their later neighbours. */
    private int framesJudged;
    private final int[] framesPerBin = new int[BINS];
    private final double[] fullPowerPerBin = new double[BINS];
    private double blockEnergy;
    private int blocks;
    private final double[] recentBlockEnergies = new double[CLICK_BLOCKS];
    /** Speech-band energy of the clicks heard (see {@link #CLICK_RATIO}). */
    private double clickEnergy;
    /** The occupied span of the histogram, so that measuring walks tens of bins rather than all of them. */
    private int lowestBin = BINS;
    private int highestBin = -1;
    private int quietFramesInARow;

    private Verdict decided;
    private long decisionMs;

    // Figures of the last measure(); fields rather than a result object, so that measuring allocates nothing.
    private int floorBin;
    private int speechBin;
    private int medianBin;
    private int speechFrames;
    private double speechPowerDbfs;
    private double noiseFloorDbfs;
    private double snrDb;

    public LineClassifier(LineCheckProperties settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        double w0 = 2 * Math.PI * settings.speechBandCutoffHz() / SAMPLE_RATE;
        double alpha = Math.sin(w0) / Math.sqrt(2.0);
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        b0 = (1 + cos) / 2 / a0;
        b1 = -(1 + cos) / a0;
        b2 = b0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
        speechAboveFloorBins = (int) Math.round(settings.speechAboveFloorDb() / BIN_DB);
        speechMinBin = binOf(Math.pow(10.0, settings.speechMinLevelDbfs() / 10.0));
        minSpeechFrames = frames(settings.minSpeech().toMillis());
        speechForVerdictFrames = frames(settings.speechForVerdict().toMillis());
        noiseForVerdictFrames = frames(settings.noiseForVerdict().toMillis());
        doubtfulVerdictFrames = frames(settings.doubtfulVerdictAfter().toMillis());
        pauseFrames = frames(settings.endOfUtterancePause().toMillis());
        maxWindowFrames = frames(settings.maxWindow().toMillis());
        longestUtteranceFrames = frames(settings.longestUtterance().toMillis());
    }

    /**
     * Feeds signed 16-bit 8 kHz mono samples as they arrive (normally 160 = one 20 ms frame, but any length >= 1).
     * Returns true once the listening window may end: the verdict is sure AND the caller is pausing (never talk over
     * the caller), or the longest window is over and nobody is talking, or the longest utterance is.
     */
    public boolean accept(short[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        for (int i = offset; i < offset + length; i++) {
            acceptSample(samples[i]);
        }
        return decided != null && (quietFramesInARow >= pauseFrames
                || (framesHeard >= maxWindowFrames && !callerIsTalking())
                || framesHeard >= longestUtteranceFrames);
    }

    /**
     * Whether a window the flow asked for ({@code window}, at most the longest window) is over after {@code heardMs}
     * of audio: only when the caller is not in mid-sentence.
     */
    public boolean windowOver(long heardMs, Duration window) {
        return heardMs >= Math.min(window.toMillis(), settings.maxWindow().toMillis()) && !callerIsTalking();
    }

    /**
     * Whether a caller is in the middle of saying something, so that a window must not end now: speech has been heard
     * and has not paused, on a line not found noisy (where the noise itself would hold the window open).
     */
    public boolean callerIsTalking() {
        return speechFrames >= minSpeechFrames && quietFramesInARow < pauseFrames && decided != Verdict.NOISY
                && decided != Verdict.SILENT && framesHeard < longestUtteranceFrames;
    }

    /**
     * The verdict on everything heard so far, with figures; decisionMs = ms of audio after which the verdict was
     * reached, listenedMs = ms of audio fed. With no audio at all: LineReport.nothingHeard(0). digit is always null
     * here.
     */
    public LineReport report() {
        long listenedMs = samplesHeard * 1000 / SAMPLE_RATE;
        if (framesJudged == 0) {
            return LineReport.nothingHeard(listenedMs);
        }
        measure();
        Verdict verdict = decided != null ? decided : verdictOnAllHeard();
        long reachedMs = decided != null ? decisionMs : listenedMs;
        boolean speechHeard = speechHeard();
        double speechLevel = speechHeard ? speechPowerDbfs : noiseFloorDbfs;
        return new LineReport(verdict, speechLevel, noiseFloorDbfs, speechHeard ? snrDb : 0.0,
                reachedMs, listenedMs, null);
    }

    /**
     * Hears a whole recording the way a call would: frame by frame from the start, stopping as soon as the window may
     * end, and at the longest utterance at the latest.
     */
    static LineReport listenTo(short[] recording, LineCheckProperties settings) {
        LineClassifier classifier = new LineClassifier(settings);
        int end = (int) Math.min(recording.length, settings.longestUtterance().toMillis() * SAMPLE_RATE / 1000);
        for (int at = 0; at < end; at += FRAME_SAMPLES) {
            if (classifier.accept(recording, at, Math.min(FRAME_SAMPLES, end - at))) {
                break;
            }
        }
        return classifier.report();
    }

    private void acceptSample(short sample) {
        double x = sample / 32768.0;
        if (samplesHeard == 0) {
            // Start as if the first value had always been there, so a DC offset does not ring like a click.
            x1 = x;
            x2 = x;
        }
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        frameFullEnergy += x * x;
        frameBandEnergy += y * y;
        blockEnergy += y * y;
        framePeak = Math.max(framePeak, Math.abs((int) sample));
        samplesHeard++;
        if (samplesHeard % BLOCK_SAMPLES == 0) {
            endBlock();
        }
        if (++samplesInFrame == FRAME_SAMPLES) {
            if (framePeak <= NO_SIGNAL_PEAK) {
                endFrameWithoutSignal();
            } else {
                endFrame(frameFullEnergy / FRAME_SAMPLES, frameBandEnergy / FRAME_SAMPLES);
            }
            samplesInFrame = 0;
            frameFullEnergy = 0;
            frameBandEnergy = 0;
            framePeak = 0;
        }
    }

    private void endBlock() {
        recentBlockEnergies[blocks % CLICK_BLOCKS] = blockEnergy;
        blockEnergy = 0;
        if (++blocks >= CLICK_BLOCKS) {
            int middle = blocks - 1 - CLICK_SPAN_BLOCKS;
            double around = 0;
            for (int distance = CLICK_GAP_BLOCKS; distance <= CLICK_SPAN_BLOCKS; distance++) {
                around = Math.max(around, Math.max(recentBlockEnergies[(middle - distance) % CLICK_BLOCKS],
                        recentBlockEnergies[(middle + distance) % CLICK_BLOCKS]));
            }
            double click = recentBlockEnergies[middle % CLICK_BLOCKS];
            if (click > CLICK_RATIO * around) {
                clickEnergy += click - around;
            }
        }
    }

    private void endFrameWithoutSignal() {
        framesHeard++;
        quietFramesInARow++;
        if (decided == null && framesHeard >= maxWindowFrames) {
            decided = framesJudged == 0 ? Verdict.SILENT : verdictOnAllHeard();
            decisionMs = (long) framesHeard * FRAME_MS;
        }
    }

    private void endFrame(double fullPower, double bandPower) {
        recentBandPowers[signalFrames % MEDIAN_FRAMES] = bandPower;
        recentFullPowers[signalFrames % MEDIAN_FRAMES] = fullPower;
        framesHeard++;
        signalFrames++;
        if (signalFrames <= MEDIAN_DELAY) {
            return;
        }
        int judged = signalFrames - 1 - MEDIAN_DELAY;
        int bin = binOf(medianBandPowerAround(judged));
        framesPerBin[bin]++;
        fullPowerPerBin[bin] += recentFullPowers[judged % MEDIAN_FRAMES];
        framesJudged++;
        lowestBin = Math.min(lowestBin, bin);
        highestBin = Math.max(highestBin, bin);

        measure();
        quietFramesInARow = bin >= speechBin ? 0 : quietFramesInARow + 1;
        if (decided == null) {
            decided = sureVerdict();
            if (decided != null) {
                decisionMs = (long) framesHeard * FRAME_MS;
            }
        } else if (decided == Verdict.CLEAR && surelyNoisy()) {
            // A loud background that waned while the caller began (music, other voices) shows as they go on.
            decided = Verdict.NOISY;
            decisionMs = (long) framesHeard * FRAME_MS;
        }
    }

    /** The median speech-band power of frame {@code judged} and its neighbours, as many as there are on the left. */
    private double medianBandPowerAround(int judged) {
        int first = Math.max(0, judged - MEDIAN_DELAY);
        int count = signalFrames - first;
        for (int i = 0; i < count; i++) {
            double power = recentBandPowers[(first + i) % MEDIAN_FRAMES];
            int at = i;
            while (at > 0 && medianScratch[at - 1] > power) {
                medianScratch[at] = medianScratch[at - 1];
                at--;
            }
            medianScratch[at] = power;
        }
        int middle = count / 2;
        return count % 2 == 1 ? medianScratch[middle] : (medianScratch[middle - 1] + medianScratch[middle]) / 2;
    }

    /** The verdict if the figures so far leave no doubt, else null. */
    private Verdict sureVerdict() {
        if (framesHeard >= maxWindowFrames) {
            return verdictOnAllHeard();
        }
        double margin = settings.decisionMarginDb();
        if (speechFrames >= speechForVerdictFrames && speechPowerDbfs >= settings.faintestSpeechDbfs() + margin) {
            // What rose above the background may not be the caller yet: doubtful verdicts wait.
            boolean mayDoubt = framesHeard >= doubtfulVerdictFrames;
            if (snrDb <= settings.noisyMaxSnrDb() - margin && mayDoubt) {
                return Verdict.NOISY;
            }
            if (snrDb >= settings.noisyMaxSnrDb() + margin) {
                if (speechPowerDbfs >= settings.clearMinLevelDbfs() + margin) {
                    return Verdict.CLEAR;
                }
                if (speechPowerDbfs <= settings.clearMinLevelDbfs() - margin && mayDoubt) {
                    return Verdict.QUIET;
                }
            }
        }
        boolean steadyLoudNoise = speechFrames < minSpeechFrames
                && signalFrames >= noiseForVerdictFrames
                && noiseFloorDbfs >= settings.noisyMinNoiseDbfs() + margin
                && (medianBin - floorBin) * BIN_DB <= settings.steadyNoiseSpreadDb();
        return steadyLoudNoise ? Verdict.NOISY : null;
    }

    /** Whether speech has been heard long enough, and so close to the background, that the line is surely noisy. */
    private boolean surelyNoisy() {
        return speechHeard() && signalFrames >= noiseForVerdictFrames
                && snrDb <= settings.noisyMaxSnrDb() - settings.decisionMarginDb();
    }

    /** The best verdict on the figures as they stand, sure or not. */
    private Verdict verdictOnAllHeard() {
        if (!speechHeard()) {
            return noiseFloorDbfs >= settings.noisyMinNoiseDbfs() ? Verdict.NOISY : Verdict.SILENT;
        }
        if (snrDb < settings.noisyMaxSnrDb()) {
            return Verdict.NOISY;
        }
        return speechPowerDbfs >= settings.clearMinLevelDbfs() ? Verdict.CLEAR : Verdict.QUIET;
    }

    /** Whether enough speech, and loud enough speech, was heard for a caller to be on the line. */
    private boolean speechHeard() {
        return speechFrames >= minSpeechFrames && speechPowerDbfs >= settings.faintestSpeechDbfs();
    }

    /** One pass over the level histogram: background percentile, speech threshold, speech and noise powers. */
    private void measure() {
        int floorRank = Math.max(1, (int) Math.ceil(framesJudged * settings.noiseFloorPercentile() / 100.0));
        int medianRank = (framesJudged + 1) / 2;
        floorBin = -1;
        medianBin = -1;
        int ranked = 0;
        int noiseFrames = 0;
        double noiseEnergy = 0;
        int speechCount = 0;
        double speechEnergy = 0;
        for (int bin = lowestBin; bin <= highestBin; bin++) {
            int count = framesPerBin[bin];
            if (count == 0) {
                continue;
            }
            ranked += count;
            if (floorBin < 0 && ranked >= floorRank) {
                floorBin = bin;
                speechBin = Math.max(floorBin + speechAboveFloorBins, speechMinBin);
            }
            if (medianBin < 0 && ranked >= medianRank) {
                medianBin = bin;
            }
            if (floorBin >= 0 && bin >= speechBin) {
                speechCount += count;
                speechEnergy += fullPowerPerBin[bin];
            } else {
                noiseFrames += count;
                noiseEnergy += fullPowerPerBin[bin];
            }
        }
        // The floor bin is always below the speech threshold, so noiseFrames is never zero here.
        double noisePower = noiseEnergy / noiseFrames + clickEnergy / samplesHeard;
        speechFrames = speechCount;
        noiseFloorDbfs = dbfs(noisePower);
        if (speechCount == 0) {
            speechPowerDbfs = noiseFloorDbfs;
            snrDb = 0;
            return;
        }
        double speechAndNoise = speechEnergy / speechCount;
        double speechPower = Math.max(speechAndNoise - noisePower, speechAndNoise * MIN_SPEECH_SHARE);
        speechPowerDbfs = dbfs(speechPower);
        snrDb = speechPowerDbfs - noiseFloorDbfs;
    }

    private static int binOf(double power) {
        int bin = (int) Math.round((dbfs(power) - LEVEL_FLOOR_DBFS) / BIN_DB);
        return Math.min(bin, BINS - 1);
    }

    private static double dbfs(double power) {
        return 10.0 * Math.log10(Math.max(power, MIN_POWER));
    }

    private static int frames(long millis) {
        return (int) Math.max(1, (millis + FRAME_MS - 1) / FRAME_MS);
    }
}
