package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * How fast the line classifier runs and how well it does, next to the energy threshold that Asterisk-style silence
 * detection uses, on the labelled corpus, on one thread; and how well both do on the held-out material
 * ({@link LineCheckMaterial}, when espeak-ng and sox are installed). Run from the project root:
 * <pre>
 * mvn -B -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.chengshi.hotline.linecheck.LineCheckBenchmark
 * </pre>
 */
public final class LineCheckBenchmark {

    private static final int FRAME = 160;
    private static final long WARM_UP_NS = 2_000_000_000L;
    private static final long MEASURE_NS = 4_000_000_000L;

    /** What the timed loops compute, summed and printed, so that the JIT cannot drop the work. */
    private static long sink;

    private LineCheckBenchmark() {
    }

    /**
     * The baseline: Asterisk's talk detection in its simplest form, a frame is talk when its mean absolute sample
     * exceeds 256 (about -42 dBFS); a window with enough talk frames is CLEAR, any other SILENT. It measures no
     * levels, so its reports carry those of {@link LineReport#nothingHeard}.
     */
    static final class EnergyThreshold {

        private static final int THRESHOLD = 256;

        private final int minTalkFrames;
        private int frames;
        private int talkFrames;
        private int clearAtFrame;

        EnergyThreshold(LineCheckProperties settings) {
            minTalkFrames = (int) (settings.minSpeech().toMillis() / 20);
        }

        void accept(short[] samples, int offset, int length) {
            long sum = 0;
            for (int i = offset; i < offset + length; i++) {
                sum += Math.abs(samples[i]);
            }
            frames++;
            if (sum > (long) THRESHOLD * length && ++talkFrames == minTalkFrames) {
                clearAtFrame = frames;
            }
        }

        LineReport report() {
            LineReport levels = LineReport.nothingHeard(frames * 20L);
            return talkFrames >= minTalkFrames
                    ? new LineReport(Verdict.CLEAR, levels.speechLevelDbfs(), levels.noiseFloorDbfs(), levels.snrDb(),
                    clearAtFrame * 20L, levels.listenedMs(), null)
                    : levels;
        }
    }

    public static void main(String[] args) {
        LineCheckProperties settings = LineCheckProperties.defaults();
        List<Corpus.Clip> clips = Corpus.load();
        long frames = 0;
        for (Corpus.Clip clip : clips) {
            frames += clip.audio().length / FRAME;
        }
        double audioSeconds = frames * FRAME / 8000.0;

        double oursNs = nanosPerRound(() -> classifyAll(clips, settings));
        double baselineNs = nanosPerRound(() -> thresholdAll(clips, settings));

        System.out.printf(Locale.ROOT,
                "corpus: %d clips, %.1f s of audio, %d frames of 20 ms; Java %s; load average %.1f%n",
                clips.size(), audioSeconds, frames, Runtime.version(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "line classifier: %.0f ns per frame, %.0fx real time on one thread%n",
                oursNs / frames, audioSeconds * 1e9 / oursNs);
        System.out.printf(Locale.ROOT, "energy threshold: %.0f ns per frame, %.0fx real time%n",
                baselineNs / frames, audioSeconds * 1e9 / baselineNs);
        System.out.printf(Locale.ROOT, "cost ratio, classifier / threshold: %.1f%n", oursNs / baselineNs);
        printScores("the corpus", clips, settings);
        if (LineCheckMaterial.toolsInstalled()) {
            List<Corpus.Clip> heldOut = LineCheckMaterial.generate(LineCheckMaterial.Part.HELD_OUT, 60).stream()
                    .map(LineCheckMaterial.Generated::clip).toList();
            printScores("the held-out material", heldOut, settings);
        } else {
            System.out.printf("%nno held-out material: it needs espeak-ng and sox%n");
        }
        System.out.printf("%n(checksum %d)%n", sink);
    }

    /** Both detectors' scores on {@code clips}, each clip heard as on a call. */
    private static void printScores(String material, List<Corpus.Clip> clips, LineCheckProperties settings) {
        Scorecard ours = new Scorecard();
        Scorecard baseline = new Scorecard();
        for (Corpus.Clip clip : clips) {
            ours.add(clip.labels(), LineClassifier.listenTo(clip.audio(), settings));
            EnergyThreshold threshold = new EnergyThreshold(settings);
            int end = (int) Math.min(clip.audio().length, settings.maxWindow().toMillis() * 8);
            for (int at = 0; at + FRAME <= end; at += FRAME) {
                threshold.accept(clip.audio(), at, FRAME);
            }
            baseline.add(clip.labels(), threshold.report());
        }
        System.out.printf("%nline classifier on %s:%n%s", material, ours.describe());
        System.out.printf("%nenergy threshold on %s:%n%s", material, baseline.describe());
    }

    /** Feeds every clip whole, frame by frame, as if no window ended early: the cost of listening to all of it. */
    private static void classifyAll(List<Corpus.Clip> clips, LineCheckProperties settings) {
        for (Corpus.Clip clip : clips) {
            LineClassifier classifier = new LineClassifier(settings);
            short[] audio = clip.audio();
            for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
                if (classifier.accept(audio, at, FRAME)) {
                    sink++;
                }
            }
            sink += classifier.report().verdict().ordinal();
        }
    }

    private static void thresholdAll(List<Corpus.Clip> clips, LineCheckProperties settings) {
        for (Corpus.Clip clip : clips) {
            EnergyThreshold threshold = new EnergyThreshold(settings);
            short[] audio = clip.audio();
            for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
                threshold.accept(audio, at, FRAME);
            }
            sink += threshold.report().verdict().ordinal();
        }
    }

    /** Runs rounds for a warm-up period, then times rounds for the measuring period; the mean ns per round. */
    private static double nanosPerRound(Runnable round) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NS;
        while (System.nanoTime() < warmUpEnd) {
            round.run();
        }
        int rounds = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            round.run();
            rounds++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < MEASURE_NS);
        return (double) elapsed / rounds;
    }
}
