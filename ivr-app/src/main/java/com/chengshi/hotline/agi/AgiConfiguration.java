package com.chengshi.hotline.agi;

import com.chengshi.hotline.prompts.PromptLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class AgiConfiguration {

    /** Calls play the prompt library's audio. */
    @Bean
    PromptFiles promptFiles(PromptLibrary library) {
        return new PromptFiles() {
            @Override
            public Optional<String> playable(String promptId, String language, int seat) {
                return library.playable(promptId, language, seat);
            }

            @Override
            public Optional<String> numberAudio(String number, String language) {
                return library.numberAudio(number, language);
            }

            @Override
            public Optional<String> beep() {
                return library.beep();
            }

            @Override
            public List<String> languages(String requested) {
                return library.languages(requested);
            }
        };
    }
}
