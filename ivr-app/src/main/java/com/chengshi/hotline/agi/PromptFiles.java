package com.chengshi.hotline.agi;

import java.util.Optional;

/** Where the audio of a prompt is, as Asterisk's STREAM FILE names it. A seam so that protocol tests need no TTS. */
public interface PromptFiles {

    /** The file to play (no extension) for a prompt in a language, or empty when that language has no audio. */
    Optional<String> playable(String promptId, String language, int seat);

    /** The catalogue language for the language a call asked for (e.g. from the AGI URL). */
    String language(String requested);
}
