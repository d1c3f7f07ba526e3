package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Verdicts scored against labels: accuracy, per-class precision and recall, the confusion matrix, and how soon after
 * the speech began CLEAR lines were recognised.
 */
final class Scorecard {

    private static final Verdict[] CLASSES = Verdict.values();

    private final int[][] counts = new int[CLASSES.length][CLASSES.length];
    private final List<Long> clearDelaysMs = new ArrayList<>();

    void add(LabelledClip clip, LineReport report) {
        counts[clip.label().ordinal()][report.verdict().ordinal()]++;
        if (clip.label() == Verdict.CLEAR && report.verdict() == Verdict.CLEAR
                && clip.speechOnsetSeconds().isPresent()) {
            clearDelaysMs.add(report.decisionMs() - Math.round(clip.speechOnsetSeconds().getAsDouble() * 1000));
        }
    }

    /** The median time from speech onset to a CLEAR verdict, over CLEAR clips with a known onset that were heard so. */
    OptionalLong clearDecisionMedianMs() {
        if (clearDelaysMs.isEmpty()) {
            return OptionalLong.empty();
        }
        List<Long> sorted = new ArrayList<>(clearDelaysMs);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return OptionalLong.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }

    int count(Verdict label, Verdict verdict) {
        return counts[label.ordinal()][verdict.ordinal()];
    }

    int total() {
        int total = 0;
        for (Verdict label : CLASSES) {
            total += labelled(label);
        }
        return total;
    }

    double accuracy() {
        int right = 0;
        for (Verdict verdict : CLASSES) {
            right += count(verdict, verdict);
        }
        return share(right, total());
    }

    /** Of the clips labelled {@code label}, the share given that verdict. */
    double recall(Verdict label) {
        return share(count(label, label), labelled(label));
    }

    /** Of the clips given verdict {@code verdict}, the share labelled so. */
    double precision(Verdict verdict) {
        int given = 0;
        for (Verdict label : CLASSES) {
            given += count(label, verdict);
        }
        return share(count(verdict, verdict), given);
    }

    /** A plain-text summary, one line per row. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "accuracy %.1f %% (%d clips)%n", 100 * accuracy(), total()));
        text.append(String.format(Locale.ROOT, "%-8s %9s %7s%n", "class", "precision", "recall"));
        for (Verdict verdict : CLASSES) {
            text.append(String.format(Locale.ROOT, "%-8s %7.1f %% %5.1f %%%n",
                    verdict, 100 * precision(verdict), 100 * recall(verdict)));
        }
        text.append("label \\ verdict");
        for (Verdict verdict : CLASSES) {
            text.append(String.format(Locale.ROOT, " %6s", verdict));
        }
        text.append(System.lineSeparator());
        for (Verdict label : CLASSES) {
            text.append(String.format(Locale.ROOT, "%-15s", label));
            for (Verdict verdict : CLASSES) {
                text.append(String.format(Locale.ROOT, " %6d", count(label, verdict)));
            }
            text.append(System.lineSeparator());
        }
        clearDecisionMedianMs().ifPresent(median -> text.append(String.format(Locale.ROOT,
                "CLEAR decided a median %d ms after speech onset (%d clips)%n", median, clearDelaysMs.size())));
        return text.toString();
    }

    private int labelled(Verdict label) {
        int labelled = 0;
        for (Verdict verdict : CLASSES) {
            labelled += count(label, verdict);
        }
        return labelled;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
