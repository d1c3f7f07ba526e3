package com.chengshi.hotline.simulate;

import com.chengshi.hotline.linecheck.PhoneAudio;
import com.chengshi.hotline.linecheck.UnusableAudioException;
import com.chengshi.hotline.prompts.PromptLibrary;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audio a simulated caller hears: the hotline's own prompts as the prompt library renders them, and stand-ins
 * for the sounds Asterisk itself plays (its spoken digits and the recording beep) as tones.
 */
final class PromptAudio {

    private static final int RATE = PhoneAudio.SAMPLE_RATE;
    private static final double[][] DTMF = dtmfPairs();

    private final PromptLibrary library;
    private final List<String> languages;
    private final int seat;
    private final Map<String, short[]> loaded = new HashMap<>();

    PromptAudio(PromptLibrary library, List<String> languages, int seat) {
        this.library = library;
        this.languages = languages;
        this.seat = seat;
    }

    /** The prompt's audio in the first language that has it; silence-free empty audio if none does. */
    short[] audio(String promptId) {
        return loaded.computeIfAbsent(promptId, this::load);
    }

    String text(String promptId) {
        return library.text(promptId, languages.get(0), seat);
    }

    private short[] load(String promptId) {
        for (String language : languages) {
            var file = library.playable(promptId, language, seat);
            if (file.isPresent()) {
                try {
                    return PhoneAudio.read(Path.of(file.get() + ".wav"));
                } catch (UnusableAudioException e) {
                    throw new IllegalStateException("prompt " + promptId + " (" + language + "): " + e.getMessage(), e);
                }
            }
        }
        return new short[0];
    }

    /** A digit as its DTMF tone, standing in for Asterisk's spoken digit. */
    short[] digit(char digit) {
        int index = "123456789*0#".indexOf(digit);
        double[] pair = index < 0 ? new double[]{0, 0} : DTMF[index];
        return tone(300, 400, pair[0], pair[1]);
    }

    /** Asterisk's recording beep, as a 1 kHz tone. */
    short[] beep() {
        return tone(250, 250, 1000, 0);
    }

    private static short[] tone(int toneMs, int totalMs, double f1, double f2) {
        short[] samples = new short[totalMs * RATE / 1000];
        for (int i = 0; i < toneMs * RATE / 1000; i++) {
            double t = (double) i / RATE;
            samples[i] = (short) (3000 * (Math.sin(2 * Math.PI * f1 * t) + Math.sin(2 * Math.PI * f2 * t)));
        }
        return samples;
    }

    private static double[][] dtmfPairs() {
        double[] rows = {697, 770, 852, 941};
        double[] columns = {1209, 1336, 1477};
        double[][] pairs = new double[12][];
        for (int i = 0; i < 12; i++) {
            pairs[i] = new double[]{rows[i / 3], columns[i % 3]};
        }
        return pairs;
    }
}
