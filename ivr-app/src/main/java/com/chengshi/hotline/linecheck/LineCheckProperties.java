package com.chengshi.hotline.linecheck;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

/**
 * How the line check listens and where it draws its lines. The defaults were tuned on the labelled corpus
 * (docs/performance.md, "Line check"); each threshold sits midway between the classes it separates.
 *
 * @param maxWindow                 the longest a listening window stays open on a line where nobody is talking
 * @param longestUtterance          a caller still talking when a window would end keeps it open until they pause, up
 *                                  to this: the line check never talks over a caller, and never listens for ever
 * @param endOfUtterancePause       silence that counts as the caller pausing; the window never ends while they talk
 * @param speechBandCutoffHz        speech activity is judged above this frequency, clear of hum and rumble
 * @param noiseFloorPercentile      the quietest share of frames, in percent, that stands for the background
 * @param speechAboveFloorDb        how far above the background a frame must rise to count as speech
 * @param speechMinLevelDbfs        frames fainter than this, in the speech band, are never speech: line and codec noise
 * @param minSpeech                 speech heard in all before the window counts as containing speech at all
 * @param speechForVerdict          speech heard before a speech verdict may be given early
 * @param doubtfulVerdictAfter      audio heard before QUIET, or NOISY with speech, may be given early: before it, what
 *                                  rose above the background may be other voices or music, and the caller, not yet
 *                                  started, may still start loud and clear
 * @param noiseForVerdict           audio heard before NOISY may be given early: the background needs that long to be
 *                                  told from the voice of a caller who talked from the first moment
 * @param clearMinLevelDbfs         active speech level from which speech is loud enough to be CLEAR, not QUIET
 * @param noisyMaxSnrDb             speech below this signal-to-noise ratio is NOISY
 * @param noisyMinNoiseDbfs         background, with no speech, from this level on is NOISY rather than SILENT
 * @param faintestSpeechDbfs        speech fainter than this, as a whole, is no caller but a faint background's swell
 * @param steadyNoiseSpreadDb       largest spread between the quietest and the median frames of a steady noise
 * @param decisionMarginDb          an early verdict needs its figures at least this far clear of the thresholds
 */
@ConfigurationProperties("hotline.linecheck")
public record LineCheckProperties(
        @DefaultValue("6s") Duration maxWindow,
        @DefaultValue("30s") Duration longestUtterance,
        @DefaultValue("500ms") Duration endOfUtterancePause,
        @DefaultValue("250") double speechBandCutoffHz,
        @DefaultValue("3") double noiseFloorPercentile,
        @DefaultValue("7") double speechAboveFloorDb,
        @DefaultValue("-70") double speechMinLevelDbfs,
        @DefaultValue("300ms") Duration minSpeech,
        @DefaultValue("400ms") Duration speechForVerdict,
        @DefaultValue("3s") Duration doubtfulVerdictAfter,
        @DefaultValue("1s") Duration noiseForVerdict,
        @DefaultValue("-35") double clearMinLevelDbfs,
        @DefaultValue("10") double noisyMaxSnrDb,
        @DefaultValue("-37") double noisyMinNoiseDbfs,
        @DefaultValue("-60") double faintestSpeechDbfs,
        @DefaultValue("6") double steadyNoiseSpreadDb,
        @DefaultValue("4") double decisionMarginDb) {

    public LineCheckProperties {
        requirePositive(maxWindow, "max-window");
        requirePositive(longestUtterance, "longest-utterance");
        if (longestUtterance.compareTo(maxWindow) < 0) {
            throw new IllegalArgumentException("hotline.linecheck.longest-utterance must not be shorter than max-window");
        }
        requirePositive(endOfUtterancePause, "end-of-utterance-pause");
        requirePositive(minSpeech, "min-speech");
        requirePositive(speechForVerdict, "speech-for-verdict");
        requirePositive(noiseForVerdict, "noise-for-verdict");
        requirePositive(doubtfulVerdictAfter, "doubtful-verdict-after");
        if (!(speechBandCutoffHz > 0 && speechBandCutoffHz < 4000)) {
            throw new IllegalArgumentException(
                    "hotline.linecheck.speech-band-cutoff-hz must lie between 0 and 4000 Hz");
        }
        if (!(noiseFloorPercentile > 0 && noiseFloorPercentile < 100)) {
            throw new IllegalArgumentException("hotline.linecheck.noise-floor-percentile must lie between 0 and 100");
        }
        // Speech must stand clear of the floor, or the background would be empty and its level undefined.
        if (!(speechAboveFloorDb >= 1)) {
            throw new IllegalArgumentException("hotline.linecheck.speech-above-floor-db must be at least 1 dB");
        }
        if (!(decisionMarginDb >= 0 && steadyNoiseSpreadDb >= 0)) {
            throw new IllegalArgumentException(
                    "hotline.linecheck.decision-margin-db and steady-noise-spread-db must not be negative");
        }
    }

    /** The defaults, bound the way Spring binds them, for the command-line tools and tests that run without Spring. */
    public static LineCheckProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("hotline.linecheck", LineCheckProperties.class);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("hotline.linecheck." + name + " must be a positive duration");
        }
    }
}
