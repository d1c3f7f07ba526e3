package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy floors on the labelled corpus (documented in docs/performance.md, "Line check"), and the same floors on
 * the corpus as the network and the room might have altered it, so that tuning cannot quietly fit the clips alone.
 */
class LineCheckCorpusTest {

    private static final double ACCURACY_FLOOR = 0.97;
    private static final double RECALL_FLOOR = 0.93;
    private static final long CLEAR_DECISION_MEDIAN_MS = 1000;

    private static final LineCheckProperties SETTINGS = LineCheckProperties.defaults();

    private static List<Corpus.Clip> clips;

    @BeforeAll
    static void loadCorpus() {
        clips = Corpus.load();
    }

    @Test
    void meetsTheAccuracyAndRecallFloors() {
        assertFloors(score((clip, audio) -> audio));
    }

    @Test
    void decidesClearSpeechWithinASecondOfItsOnsetAtTheMedian() {
        assertThat(score((clip, audio) -> audio).clearDecisionMedianMs().orElseThrow())
                .isLessThanOrEqualTo(CLEAR_DECISION_MEDIAN_MS);
    }

    /** Changes that keep every clip within its label's definition. */
    enum Alteration {
        LOUDER_3_DB((clip, audio) -> Alterations.gainDb(audio, 3)),
        SOFTER_3_DB((clip, audio) -> Alterations.gainDb(audio, -3)),
        MU_LAW((clip, audio) -> Alterations.muLawRoundTrip(audio)),
        A_LAW((clip, audio) -> Alterations.aLawRoundTrip(audio)),
        FAINT_HUM((clip, audio) -> Alterations.withHum(audio, -70)),
        /** Clear and noisy lines allow a background this loud; quiet and silent ones do not. */
        HUM_ON_LOUD_LINES((clip, audio) -> clip.labels().label() == Verdict.CLEAR
                || clip.labels().label() == Verdict.NOISY ? Alterations.withHum(audio, -45) : audio),
        /**
         * The phone sends G.711 idle codes (digital zeros) for the first 0.6 s, as a muted or silence-suppressing
         * phone does, before the line's own background starts: the real Asterisk end-to-end run heard a clear caller
         * as faint this way, taking the zeros for the background and the hiss for speech.
         */
        IDLE_CODES_FIRST((clip, audio) -> Alterations.afterSilence(audio, 0.6)),
        /** The caller talks from the first moment, so the background is heard only between words. */
        TALKING_FROM_THE_START((clip, audio) -> clip.labels().speechOnsetSeconds().isEmpty() ? audio
                : Arrays.copyOfRange(audio, (int) (clip.labels().speechOnsetSeconds().getAsDouble() * Signals.RATE),
                audio.length));

        private final BiFunction<Corpus.Clip, short[], short[]> change;

        Alteration(BiFunction<Corpus.Clip, short[], short[]> change) {
            this.change = change;
        }
    }

    @ParameterizedTest
    @EnumSource(Alteration.class)
    void meetsTheFloorsOnAlteredClips(Alteration alteration) {
        assertFloors(score(alteration.change));
    }

    private static Scorecard score(BiFunction<Corpus.Clip, short[], short[]> alteration) {
        Scorecard scores = new Scorecard();
        for (Corpus.Clip clip : clips) {
            LineReport report = LineClassifier.listenTo(alteration.apply(clip, clip.audio()), SETTINGS);
            scores.add(clip.labels(), report);
        }
        return scores;
    }

    private static void assertFloors(Scorecard scores) {
        String summary = System.lineSeparator() + scores.describe();
        assertThat(scores.total()).isEqualTo(clips.size());
        assertThat(scores.accuracy()).as("accuracy%s", summary).isGreaterThanOrEqualTo(ACCURACY_FLOOR);
        for (Verdict verdict : Verdict.values()) {
            assertThat(scores.recall(verdict)).as("%s recall%s", verdict, summary)
                    .isGreaterThanOrEqualTo(RECALL_FLOOR);
        }
        assertThat(scores.count(Verdict.CLEAR, Verdict.SILENT)).as("clear lines called silent%s", summary).isZero();
    }
}
