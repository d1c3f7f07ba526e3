package com.chengshi.hotline.prompts;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Health {@code prompts}: {@link #EDIT_REJECTED} while the catalogue's last edit is rejected, with the reasons, so an
 * admin sees the file needs fixing. Not DOWN: calls still play the last good catalogue, and a DOWN that made an
 * orchestrator restart the app would turn a typo into an outage (a restart refuses the broken catalogue); the overall
 * health stays UP. Prompts without audio are listed either way. DOWN when Asterisk's user cannot read the sound dir
 * (then no caller hears a word), and when prompts of the default language have no audio (espeak-ng missing: most
 * callers would hear another language, or nothing).
 */
@Component
class PromptsHealthIndicator implements HealthIndicator {

    static final Status EDIT_REJECTED = new Status("EDIT_REJECTED",
            "the last catalogue edit was rejected; calls play the last good catalogue");

    private final PromptLibrary library;

    PromptsHealthIndicator(PromptLibrary library) {
        this.library = library;
    }

    @Override
    public Health health() {
        PromptLibrary.Status status = library.status();
        List<String> silentInDefault = status.missingAudio().keySet().stream()
                .filter(prompt -> prompt.startsWith(status.defaultLanguage() + "/")).sorted().toList();
        Health.Builder health = Health.status(status.asteriskCannotRead().isPresent() || !silentInDefault.isEmpty()
                ? Status.DOWN : status.rejectedEdit().isEmpty() ? Status.UP : EDIT_REJECTED);
        if (!silentInDefault.isEmpty()) {
            health.withDetail("noAudioInTheDefaultLanguage", silentInDefault);
        }
        status.asteriskCannotRead().ifPresent(problem -> health.withDetail("asteriskCannotRead", problem));
        return health.withDetail("catalogue", status.catalogue().toString())
                .withDetail("prompts", status.prompts())
                .withDetail("languages", status.languages())
                .withDetail("rejectedEdit", status.rejectedEdit())
                .withDetail("missingAudio", status.missingAudio())
                .build();
    }
}
