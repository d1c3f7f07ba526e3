package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The floors on material the thresholds were never tuned on: the held-out part of {@link LineCheckMaterial}, other
 * voices, languages, backgrounds and codecs than the shared corpus's (documented in docs/performance.md, "Line check").
 */
class LineCheckHeldOutTest {

    private static final double ACCURACY_FLOOR = 0.98;
    private static final long CLEAR_DECISION_MEDIAN_MS = 1000;

    private static Scorecard scores;
    private static final List<String> misjudged = new ArrayList<>();

    @BeforeAll
    static void scoreTheHeldOutPart() {
        assumeTrue(LineCheckMaterial.toolsInstalled(),
                "espeak-ng and sox make the held-out material: apt-get install espeak-ng sox");
        scores = LineCheckScores.score(LineCheckMaterial.generate(LineCheckMaterial.Part.HELD_OUT, 60),
                LineCheckProperties.defaults(), misjudged);
    }

    @Test
    void meetsTheAccuracyFloorAndNeverCallsAClearCallerSilent() {
        String summary = System.lineSeparator() + scores.describe() + String.join(System.lineSeparator(), misjudged);
        assertThat(scores.total()).isEqualTo(240);
        assertThat(scores.accuracy()).as("accuracy%s", summary).isGreaterThanOrEqualTo(ACCURACY_FLOOR);
        assertThat(scores.count(Verdict.CLEAR, Verdict.SILENT)).as("clear lines called silent%s", summary).isZero();
    }

    @Test
    void decidesClearSpeechWithinASecondOfItsOnsetAtTheMedian() {
        assertThat(scores.clearDecisionMedianMs().orElseThrow()).isLessThanOrEqualTo(CLEAR_DECISION_MEDIAN_MS);
    }
}
