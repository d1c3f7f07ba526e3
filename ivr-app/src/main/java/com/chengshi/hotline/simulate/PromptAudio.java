package com.chengshi.hotline.simulate;

import com.chengshi.hotline.audio.UnusableAudioException;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.prompts.PromptLibrary;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audio a simulated caller hears: the hotline's own prompts, numbers and beep as the prompt library makes them.
 */
final class PromptAudio {


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
                return read(file.get(), promptId + " (" + language + ")");
            }
        }
        return new short[0];
    }

    /** A phone number as the hotline's voice reads it out on a call. */
    short[] number(String number) {
        for (String language : languages) {
            var file = library.numberAudio(number, language);
            if (file.isPresent()) {
                try {
                    return read(file.get(), "the number " + number + " (" + language + ")");
                } finally {
                    Path.of(file.get() + ".wav").toFile().delete();
                }
            }
        }
        return new short[0];
    }

    private static short[] read(String file, String what) {
        try {
            return WavFiles.readTelephone(Path.of(file + ".wav"));
        } catch (UnusableAudioException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    /** The beep before a recording, as the app makes it for calls; nothing if it is missing. */
    short[] beep() {
        return library.beep().map(file -> read(file, "the beep")).orElse(new short[0]);
    }
}
