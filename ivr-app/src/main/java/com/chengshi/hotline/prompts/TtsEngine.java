package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A speech synthesiser for one language: FreeTTS in-process, or an external command such as espeak-ng. */
interface TtsEngine {

    /** The engine, voice and settings: part of the render cache key, so changing any of them renders afresh. */
    String identity();

    /** Why this engine cannot speak on this machine (e.g. its program is not installed), or empty when it can. */
    Optional<String> unavailable();

    AudioClip speak(String text) throws IOException;

    /**
     * The parts of {@code text} this voice would not read in its own language (a Mandarin voice spelling "VIP" the
     * English way), one line each; empty when it reads all of it, or when the engine cannot tell.
     */
    default List<String> misreadings(String text) throws IOException {
        return List.of();
    }
}
