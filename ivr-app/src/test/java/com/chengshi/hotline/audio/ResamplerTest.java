package com.chengshi.hotline.audio;

import org.junit.jupiter.api.Test;

import static com.chengshi.hotline.audio.TestClips.amplitudeAt;
import static com.chengshi.hotline.audio.TestClips.db;
import static com.chengshi.hotline.audio.TestClips.tones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResamplerTest {

    @Test
    void fiveKilohertzAt16kDoesNotFoldBackAsThreeKilohertz() {
        AudioClip in = tones(16000, 1, 0.4, 3900, 5000);
        AudioClip out = Resampler.resample(in, 8000);

        assertThat(out.sampleRate()).isEqualTo(8000);
        assertThat(out.samples()).hasSize(8000);
        // 5 kHz sampled at 8 kHz would alias to 3 kHz: what is left there must be 50 dB or more below the tone.
        assertThat(db(amplitudeAt(out, 3000) / 0.4)).isLessThan(-50);
    }

    @Test
    void espeakRateIsFilteredToo() {
        AudioClip out = Resampler.resample(tones(22050, 1, 0.4, 6000), 8000);

        assertThat(db(amplitudeAt(out, 2000) / 0.4)).isLessThan(-50);
    }

    @Test
    void telephoneBandPassesUnchanged() {
        for (double f : new double[]{300, 1000, 3000}) {
            AudioClip out = Resampler.resample(tones(16000, 1, 0.4, f), 8000);
            assertThat(db(amplitudeAt(out, f) / 0.4)).as("%s Hz", f).isCloseTo(0, within(0.1));
        }
    }

    @Test
    void sameRateIsLeftAlone() {
        AudioClip clip = tones(8000, 0.1, 0.4, 1000);

        assertThat(Resampler.resample(clip, 8000)).isSameAs(clip);
    }
}
