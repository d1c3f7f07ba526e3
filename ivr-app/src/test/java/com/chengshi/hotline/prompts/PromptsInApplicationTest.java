package com.chengshi.hotline.prompts;

import com.chengshi.hotline.IvrApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The app as it runs: the library bean, its settings from application.yml, and health {@code prompts}. The context is
 * closed after the class, so that its background render has stopped before the temporary data dir is deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class PromptsInApplicationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("hotline.data-dir", dataDir::toString);
        registry.add("hotline.prompts.catalogue", () -> TestPrompts.projectCatalogue().toString());
    }

    /** Keeps the background render of the whole catalogue cheap. */
    @TestConfiguration
    static class SyntheticSpeech {
        @Bean
        @Primary
        PromptRenderer syntheticRenderer(PromptsProperties properties) {
            return new PromptRenderer(properties.prompts().soundDir(), Map.of(
                    "zh-CN", new SyntheticVoice("zh"), "en-US", new SyntheticVoice("en")),
                    Recordings.beside(properties.prompts().catalogue()), properties.prompts().levelDbfs());
        }
    }

    @Autowired
    PromptLibrary library;
    @Autowired
    PromptsProperties properties;
    @Autowired
    HealthEndpoint health;

    @Test
    void settingsComeFromApplicationYml() {
        assertThat(properties.companyName()).containsEntry("zh-CN", "诚实集团").containsEntry("en-US", "Chengshi Group");
        assertThat(properties.prompts().soundDir()).isEqualTo(dataDir.resolve("sounds"));
        assertThat(properties.prompts().voices().get("zh-CN"))
                .isEqualTo(new PromptsProperties.Voice("espeak-ng", "cmn-latn-pinyin", null, null));
        assertThat(properties.prompts().voices().get("en-US"))
                .isEqualTo(new PromptsProperties.Voice("freetts", "kevin16", 130, null));
    }

    @Test
    void playsPromptsFromTheSoundDir() {
        assertThat(library.playable("greeting", library.languages("en").get(0), 3))
                .hasValue(dataDir.resolve("sounds/en-US/greeting-seat3").toAbsolutePath().toString());
        assertThat(library.text("greeting", "en-US", 3)).startsWith("Hello, Chengshi Group, agent number 3");
    }

    @Test
    void reportsHealthAsPrompts() {
        var prompts = health.healthForPath("prompts");

        assertThat(prompts).isNotNull();
        assertThat(prompts.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void refusesToStartWithABrokenCatalogue(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("catalogue.yml"), "prompts:\n  sorry:\n    en-US: \"I can't.\"\n");

        assertThatThrownBy(() -> new SpringApplicationBuilder(IvrApplication.class).web(WebApplicationType.NONE)
                .run("--hotline.data-dir=" + dir, "--hotline.prompts.catalogue=" + broken).close())
                .rootCause().hasMessageStartingWith("The prompt catalogue is broken: " + broken + ": ")
                .hasMessageContaining("missing in zh-CN");
    }
}
