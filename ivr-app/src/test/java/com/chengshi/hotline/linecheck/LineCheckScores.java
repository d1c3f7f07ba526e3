package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.RunOptions;
import com.chengshi.hotline.flow.LineReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the line check on generated material ({@link LineCheckMaterial}, made in memory: needs espeak-ng and sox),
 * the tune part or the held-out part, with the clips it misjudges. Run from the project root:
 * <pre>
 * mvn -B -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.chengshi.hotline.linecheck.LineCheckScores -Dexec.args="--part held-out"
 * </pre>
 * The held-out part is for reporting; thresholds are tuned on the tune part and the shared corpus only.
 */
public final class LineCheckScores {

    private static final String USAGE = "LineCheckScores [--part tune|held-out] [--per-class N] [--misjudged yes|no]";

    private LineCheckScores() {
    }

    /** The scores of the classifier with {@code settings} on {@code clips}, and a line per clip it misjudged. */
    static Scorecard score(List<LineCheckMaterial.Generated> clips, LineCheckProperties settings,
                           List<String> misjudged) {
        Scorecard scores = new Scorecard();
        for (LineCheckMaterial.Generated generated : clips) {
            Corpus.Clip clip = generated.clip();
            LineReport report = LineClassifier.listenTo(clip.audio(), settings);
            scores.add(clip.labels(), report);
            if (report.verdict() != clip.labels().label()) {
                misjudged.add(String.format(Locale.ROOT, "%s -> %s (speech %.1f dBFS, noise %.1f dBFS, snr %.1f dB,"
                                + " at %d ms)", generated.csvRow(), report.verdict(), report.speechLevelDbfs(),
                        report.noiseFloorDbfs(), report.snrDb(), report.decisionMs()));
            }
        }
        return scores;
    }

    public static void main(String[] args) {
        Map<String, String> options = RunOptions.parse(args, USAGE);
        LineCheckMaterial.Part part = LineCheckMaterial.Part.valueOf(
                options.getOrDefault("--part", "held-out").toUpperCase(Locale.ROOT).replace('-', '_'));
        int perClass = Integer.parseInt(options.getOrDefault("--per-class", "60"));
        List<String> misjudged = new ArrayList<>();
        Scorecard scores = score(LineCheckMaterial.generate(part, perClass), LineCheckProperties.defaults(),
                misjudged);
        System.out.printf("%s part, %d clips per class:%n%s", part, perClass, scores.describe());
        if (options.getOrDefault("--misjudged", "yes").equals("yes")) {
            System.out.printf("%nmisjudged (%s -> verdict):%n", LineCheckMaterial.CSV_HEADER);
            misjudged.forEach(System.out::println);
        }
    }
}
