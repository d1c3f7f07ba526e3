package com.chengshi.hotline.prompts;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Health {@code prompts}: {@link #EDIT_REJECTED} while the catalogue on disk is rejected (an edit made while the app
 * ran, or before it started on the last good copy), with the reasons and what calls play instead, so an admin sees
 * the file needs fixing. Not DOWN: calls are served, on the last good catalogue, and a restart would start on that
 * same copy, so a DOWN that made an orchestrator restart the app or take it out of service would turn a typo into an
 * outage; Boot leaves a status of its own out of the overall health, which stays UP. Prompts without audio are
 * listed either way, and so is a last good copy that could not be written. DOWN when Asterisk's user cannot read the
 * sound dir (then no caller hears a word), and when prompts of the default language have no audio (espeak-ng
 * missing: most callers would hear another language, or nothing).
 */
@Component
class PromptsHealthIndicator implements HealthIndicator {

    static final Status EDIT_REJECTED = new Status("EDIT_REJECTED",
            "the catalogue on disk is rejected; calls play the last good catalogue");

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
        status.serving().ifPresent(serving -> health.withDetail("serving", serving));
        status.lastGoodNotKept().ifPresent(problem -> health.withDetail("lastGoodNotKept", problem));
        return health.withDetail("catalogue", status.catalogue().toString())
                .withDetail("prompts", status.prompts())
                .withDetail("languages", status.languages())
                .withDetail("rejectedEdit", status.rejectedEdit())
                .withDetail("missingAudio", status.missingAudio())
                .build();
    }
}
