package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.flow.LineReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Classifies recordings as the line check would hear them on a call, one JSON line per file; with a labels file, also
 * scores the verdicts against the labels.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Says whether each WAV recording sounds CLEAR, QUIET, NOISY or SILENT,"
                + " one JSON object per line.",
                "Recordings are heard as on a call: from the start, until the verdict is sure and the caller pauses,"
                        + " or the longest window has passed."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file classified", "1:some files could not be read (one line each on stderr)",
                "2:the labels file could not be read"})
public final class ClassifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV recordings to classify")
    private List<Path> files;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "labels (columns file, label and optionally speech_onset_s) to score the verdicts against")
    private Path labelsFile;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, LabelledClip> labels = new HashMap<>();
        if (labelsFile != null) {
            try {
                LabelledClip.readCsv(labelsFile).forEach(clip -> labels.put(clip.file(), clip));
            } catch (IOException e) {
                err.println(labelsFile + ": cannot read labels: " + e.getMessage());
                return 2;
            }
        }
        LineCheckProperties settings = LineCheckProperties.defaults();
        Scorecard scores = new Scorecard();
        boolean anyFailed = false;
        for (Path file : files) {
            LineReport report;
            try {
                report = LineClassifier.listenTo(WavFiles.readTelephone(file), settings);
                TelephoneFormat.problemWith(file).ifPresent(format -> err.println(
                        file + ": note: converted from " + format + " to 16-bit 8 kHz mono"));
            } catch (IOException e) {
                err.println(file + ": " + e.getMessage());
                anyFailed = true;
                continue;
            }
            out.println(toJson(file, report));
            if (labelsFile == null) {
                continue;
            }
            LabelledClip clip = labels.get(file.getFileName().toString());
            if (clip == null) {
                err.println(file + ": not in " + labelsFile + ", left out of the scores");
                continue;
            }
            scores.add(clip, report);
        }
        if (labelsFile != null) {
            out.print(scores.describe());
        }
        out.flush();
        return anyFailed ? 1 : 0;
    }

    private String toJson(Path file, LineReport report) {
        ObjectNode line = json.createObjectNode();
        line.put("file", file.toString());
        line.put("verdict", report.verdict().name());
        line.put("speechLevelDbfs", tenths(report.speechLevelDbfs()));
        line.put("noiseFloorDbfs", tenths(report.noiseFloorDbfs()));
        line.put("snrDb", tenths(report.snrDb()));
        line.put("decisionMs", report.decisionMs());
        return json.writeValueAsString(line);
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
