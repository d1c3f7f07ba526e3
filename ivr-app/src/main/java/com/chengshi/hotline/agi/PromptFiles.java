package com.chengshi.hotline.agi;

import java.util.List;
import java.util.Optional;

/** Where the audio of a prompt is, as Asterisk's STREAM FILE names it. A seam so that protocol tests need no TTS. */
public interface PromptFiles {

    /** The file to play (no extension) for a prompt in a language, or empty when that language has no audio. */
    Optional<String> playable(String promptId, String language, int seat);

    /**
     * A phone number spoken in a language by the hotline's voice: a file (no extension) made for one playing, which
     * the caller deletes afterwards; empty when that language cannot say it.
     */
    Optional<String> numberAudio(String number, String language);

    /** The beep before a recording, made by the app (Asterisk's own sounds may be missing); empty if it is not. */
    Optional<String> beep();

    /** The catalogue languages a call that asked for {@code requested} hears (e.g. from the AGI URL), best first. */
    List<String> languages(String requested);
}
