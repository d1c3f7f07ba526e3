package com.chengshi.hotline;

import com.chengshi.hotline.prompts.TestPrompts;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;

/** The settings a test gives the whole application: its own data dir, the project's catalogue, English prompts. */
public final class TestHotline {

    private TestHotline() {
    }

    public static void settings(DynamicPropertyRegistry registry, Path dataDir) {
        settings(registry, dataDir, TestPrompts.projectCatalogue().toAbsolutePath());
    }

    /** With a catalogue of the test's own, which it may edit (a copy: TestPrompts.copyOfProjectCatalogue). */
    public static void settings(DynamicPropertyRegistry registry, Path dataDir, Path catalogue) {
        registry.add("hotline.data-dir", dataDir::toString);
        registry.add("hotline.prompts.catalogue", catalogue::toString);
        // English alone: FreeTTS renders in-process, so a test's start does not wait for the Mandarin voice.
        registry.add("hotline.prompts.languages", () -> "en-US");
    }
}
