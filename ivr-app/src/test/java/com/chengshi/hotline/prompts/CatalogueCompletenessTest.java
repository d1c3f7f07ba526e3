package com.chengshi.hotline.prompts;

import com.chengshi.hotline.flow.FlowPrompts;
import com.chengshi.hotline.flow.FlowProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import com.chengshi.hotline.flow.Prompt;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped catalogue against the flow and the standard, in the spirit of petclinic's I18nPropertiesSyncTest. */
class CatalogueCompletenessTest {

    @Test
    void everyPromptTheFlowPlaysExistsInEveryLanguage() throws Exception {
        Catalogue catalogue = Catalogue.parse(Files.readString(TestPrompts.projectCatalogue()));

        for (Prompt prompt : Prompt.values()) {
            for (String language : TestPrompts.LANGUAGES) {
                assertThat(catalogue.text(prompt.id(), language)).as("%s in %s", prompt.id(), language).isPresent();
            }
        }
    }

    @Test
    void noTextSaysWhatTheStandardForbids() throws Exception {
        Catalogue catalogue = Catalogue.parse(Files.readString(TestPrompts.projectCatalogue()));

        catalogue.texts().forEach((id, texts) -> texts.forEach((language, text) ->
                assertThat(ForbiddenPhrases.foundIn(text)).as("%s [%s]: %s", id, language, text).isEmpty()));
    }

    @Test
    void theWholeCheckPasses() {
        // As the app runs it: with every prompt the flow plays as configured by default, and the menu's keys.
        FlowProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("hotline.flow", FlowProperties.class);
        CatalogueCheck.Result result = CatalogueCheck.from(TestPrompts.properties(TestPrompts.projectCatalogue(),
                null), FlowPrompts.of(defaults), Map.of()).check(TestPrompts.projectCatalogue());

        assertThat(result.problems()).isEmpty();
    }
}
