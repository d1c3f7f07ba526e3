package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One row of a labels file in the line-check corpus format: a CSV with a header naming at least the columns
 * {@code file} and {@code label}, and optionally {@code speech_onset_s}. Values hold no commas.
 *
 * @param file              the clip's file name
 * @param label             what a listener hears on it
 * @param speechOnsetSeconds when speech starts in the clip, if it has speech
 */
record LabelledClip(String file, Verdict label, OptionalDouble speechOnsetSeconds) {

    static List<LabelledClip> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split(",", -1));
        int fileColumn = header.indexOf("file");
        int labelColumn = header.indexOf("label");
        int onsetColumn = header.indexOf("speech_onset_s");
        if (fileColumn < 0 || labelColumn < 0) {
            throw new IOException(csv + " has no 'file' and 'label' columns in its header");
        }
        List<LabelledClip> clips = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split(",", -1);
            try {
                Verdict label = Verdict.valueOf(values[labelColumn].trim().toUpperCase(Locale.ROOT));
                OptionalDouble onset = onsetColumn < 0 || values[onsetColumn].isBlank()
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(Double.parseDouble(values[onsetColumn].trim()));
                clips.add(new LabelledClip(values[fileColumn].trim(), label, onset));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(csv + " line " + (row + 1) + " is not a labelled clip: " + line, e);
            }
        }
        return clips;
    }
}
