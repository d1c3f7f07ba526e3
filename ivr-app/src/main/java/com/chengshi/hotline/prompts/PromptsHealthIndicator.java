package com.chengshi.hotline.prompts;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code prompts}: DOWN while the catalogue's last edit is rejected (calls still play the last good one, but an
 * admin must fix the file), with the reasons; prompts without audio are listed either way.
 */
@Component
class PromptsHealthIndicator implements HealthIndicator {

    private final PromptLibrary library;

    PromptsHealthIndicator(PromptLibrary library) {
        this.library = library;
    }

    @Override
    public Health health() {
        PromptLibrary.Status status = library.status();
        Health.Builder health = status.rejectedEdit().isEmpty() ? Health.up() : Health.down();
        return health.withDetail("catalogue", status.catalogue().toString())
                .withDetail("prompts", status.prompts())
                .withDetail("languages", status.languages())
                .withDetail("rejectedEdit", status.rejectedEdit())
                .withDetail("missingAudio", status.missingAudio())
                .build();
    }
}
