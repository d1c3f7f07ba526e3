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
 * @param prompts       where the catalogue and the audio live, and how audio is made
 */
@ConfigurationProperties("hotline")
public record PromptsProperties(Map<String, String> companyName, String hotlineNumber, Prompts prompts) {

    /**
     * @param catalogue       the catalogue file; recordings sit beside it in {@code <lang>/<id>.wav}
     * @param soundDir        where rendered audio goes for Asterisk: {@code <lang>/<id>.wav}, {@code <id>-seat<N>.wav}
     * @param languages       the languages every prompt the flow plays must have
     * @param defaultLanguage the language of a call that asks for none, or for one we lack
     * @param commands        per language, a TTS command with {text} and {out}; languages without one use FreeTTS
     * @param seats           seats whose {seat} prompts are rendered ahead of their first call
     * @param levelDbfs       active speech level of rendered audio
     * @param reloadInterval  how often the catalogue and recordings are checked for edits
     */
    public record Prompts(Path catalogue, Path soundDir, List<String> languages, String defaultLanguage,
                          Map<String, List<String>> commands, List<Integer> seats, double levelDbfs,
                          Duration reloadInterval) {
    }
}
