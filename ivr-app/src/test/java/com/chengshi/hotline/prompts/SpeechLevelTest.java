package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;

import org.junit.jupiter.api.Test;

import static com.chengshi.hotline.audio.TestClips.tones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpeechLevelTest {

    @Test
    void pausesDoNotLowerTheActiveLevel() {
        AudioClip sine = tones(8000, 1, 0.1, 1000);
        float[] withPause = new float[16000];
        System.arraycopy(sine.samples(), 0, withPause, 0, 8000);

        double expected = 20 * Math.log10(0.1 / Math.sqrt(2));
        assertThat(SpeechLevel.activeDbfs(new AudioClip(withPause, 8000))).isCloseTo(expected, within(0.1));
    }

    @Test
    void levelsToTheTarget() {
        AudioClip levelled = SpeechLevel.levelled(tones(8000, 1, 0.01, 440), -20);

        assertThat(SpeechLevel.activeDbfs(levelled)).isCloseTo(-20, within(0.1));
    }

    @Test
    void neverPushesPeaksPastTheCeiling() {
        float[] clicks = new float[8000];
        for (int i = 0; i < clicks.length; i += 100) {
            clicks[i] = 0.05f;
        }
        AudioClip levelled = SpeechLevel.levelled(new AudioClip(clicks, 8000), -20);

        assertThat(SpeechLevel.peakDbfs(levelled)).isCloseTo(SpeechLevel.PEAK_CEILING_DBFS, within(0.01));
    }
}
