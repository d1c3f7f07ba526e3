package com.chengshi.hotline.prompts;

import java.util.HashMap;
import java.util.Map;

/** The engine of each language's voice, from {@code hotline.prompts.voices}. */
final class SpeechEngines {

    private SpeechEngines() {
    }

    /** A voice that cannot be built stops the app with the setting to fix. Without a speed, an engine speaks at its own. */
    static Map<String, TtsEngine> from(PromptsProperties.Prompts prompts) {
        Map<String, TtsEngine> engines = new HashMap<>();
        Map<String, PromptsProperties.Voice> voices = prompts.voices() == null ? Map.of() : prompts.voices();
        for (String language : prompts.languages()) {
            PromptsProperties.Voice voice = voices.get(language);
            if (voice != null) {
                engines.put(language, engine(voice, prompts, "hotline.prompts.voices." + language));
            }
        }
        return engines;
    }

    private static TtsEngine engine(PromptsProperties.Voice voice, PromptsProperties.Prompts prompts, String setting) {
        String engine = voice.engine() == null ? "" : voice.engine();
        return switch (engine) {
            case EspeakEngine.PROGRAM -> new EspeakEngine(required(voice.name(), setting + ".name"),
                    voice.speed(), prompts.synthesisTimeout());
            case "freetts" -> {
                if (voice.name() != null && !voice.name().equals(FreeTtsEngine.VOICE)) {
                    throw new IllegalArgumentException(setting + ".name: FreeTTS has only the voice "
                            + FreeTtsEngine.VOICE + ", not " + voice.name());
                }
                yield new FreeTtsEngine(voice.speed());
            }
            case "command" -> new CommandTtsEngine(voice.command(), prompts.synthesisTimeout());
            default -> throw new IllegalArgumentException(setting + ".engine: '" + engine
                    + "' is not an engine (espeak-ng, freetts or command)");
        };
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set");
        }
        return value;
    }
}
