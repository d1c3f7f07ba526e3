package com.chengshi.hotline.prompts;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The settings the prompts need, from {@code hotline.*}: the placeholders' values and {@code hotline.prompts.*}.
 * Defaults are in {@code application.yml}.
 *
 * @param companyName   {company} per language ({@code hotline.company-name.zh-CN}, ...)
 * @param hotlineNumber {hotline}
 * @param phoneRegion   where the hotline is (ISO 3166, e.g. CN): its phone numbers are read without country code
 * @param prompts       where the catalogue and the audio live, and how audio is made
 */
@ConfigurationProperties("hotline")
public record PromptsProperties(Map<String, String> companyName, String hotlineNumber, String phoneRegion,
                                Prompts prompts) {

    Placeholders placeholders() {
        return new Placeholders(companyName, hotlineNumber, new SpokenNumbers(phoneRegion));
    }

    /**
     * @param catalogue       the catalogue file; recordings sit beside it in {@code <lang>/<id>.wav}
     * @param lastGoodCatalogue where a copy of the last catalogue taken is kept, for a start over a broken one
     * @param soundDir        where rendered audio goes for Asterisk: {@code <lang>/<id>.wav}, {@code <id>-seat<N>.wav}
     * @param languages       the languages every prompt the flow plays must have
     * @param defaultLanguage the language of a call that asks for none, or for one we lack
     * @param voices           per language, the voice that speaks it
     * @param seats            seats whose {seat} prompts are rendered ahead of their first call
     * @param levelDbfs        active speech level of rendered audio
     * @param reloadInterval   how often the catalogue and recordings are checked for edits
     * @param synthesisTimeout how long an external engine may take for one prompt before it is killed
     * @param callWait         how long a caller may wait for a prompt still being synthesised; past that the call
     *                         plays the prompt's previous audio or its {@code -no-seat} form, and synthesis goes on
     * @param asteriskUser     the user Asterisk runs as, who must be able to read the sound dir (checked when that
     *                         user exists on this host)
     * @param conversionTimeout how long sox or ffmpeg may take to convert a recording uploaded in the console
     */
    public record Prompts(Path catalogue, Path lastGoodCatalogue, Path soundDir, List<String> languages,
                          String defaultLanguage, Map<String, Voice> voices, List<Integer> seats, double levelDbfs,
                          Duration reloadInterval, Duration synthesisTimeout, Duration callWait, String asteriskUser,
                          Duration conversionTimeout) {
    }

    /**
     * @param engine  {@code espeak-ng}, {@code freetts} or {@code command}
     * @param name    the engine's voice: an espeak-ng voice ({@code espeak-ng --voices}) or FreeTTS's kevin16
     * @param speed   words per minute
     * @param command for {@code command}: the program and its arguments, with {text} and optionally {out}
     */
    public record Voice(String engine, String name, Integer speed, List<String> command) {
    }
}
