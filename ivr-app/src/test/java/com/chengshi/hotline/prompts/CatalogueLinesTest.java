package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One text changed in the catalogue's YAML, every other line as it was. */
class CatalogueLinesTest {

    private static final String YAML = """
            # The hotline's words.
            prompts:
              # §1 Answering.
              greeting:
                zh-CN: "您好。"   # the standard's own words
                en-US: "Hello."

              goodbye:
                zh-CN: "再见!"
                en-US: >
                  Thank you for calling.
                  Goodbye.
              # §2 Silent line.
              sorry:
                zh-CN: "非常抱歉。"
            """;

    @Test
    void onlyTheEntrysLineChangesAndItsCommentStays() throws Exception {
        assertThat(CatalogueLines.withText(YAML, "greeting", "zh-CN", "您好,请讲。"))
                .isEqualTo(YAML.replace("zh-CN: \"您好。\"", "zh-CN: \"您好,请讲。\""));
        assertThat(CatalogueLines.withText(YAML, "greeting", "en-US", "Hi."))
                .isEqualTo(YAML.replace("\"Hello.\"", "\"Hi.\""));
    }

    @Test
    void aTextOverSeveralLinesBecomesOneLine() throws Exception {
        String edited = CatalogueLines.withText(YAML, "goodbye", "en-US", "Goodbye.");

        assertThat(edited).isEqualTo(YAML.replace("""
                    en-US: >
                      Thank you for calling.
                      Goodbye.
                """, """
                    en-US: "Goodbye."
                """));
        assertThat(Catalogue.parse(edited).text("sorry", "zh-CN")).hasValue("非常抱歉。");
    }

    @Test
    void aLanguageTheEntryLacksGetsALineAfterItsLastOne() throws Exception {
        String edited = CatalogueLines.withText(YAML, "sorry", "en-US", "Very sorry.");

        assertThat(edited).endsWith("""
                    zh-CN: "非常抱歉。"
                    en-US: "Very sorry."
                """);
        assertThat(Catalogue.parse(edited).text("sorry", "en-US")).hasValue("Very sorry.");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedSoTheTextReadsBackTheSame() throws Exception {
        String text = "Say \"yes\" \\ or\tno\u0007 # not a comment: really";

        String edited = CatalogueLines.withText(YAML, "greeting", "en-US", text);

        assertThat(Catalogue.parse(edited).text("greeting", "en-US")).hasValue(text);
    }

    @Test
    void windowsLineEndsStay() throws Exception {
        String crlf = YAML.replace("\n", "\r\n");

        assertThat(CatalogueLines.withText(crlf, "greeting", "en-US", "Hi."))
                .isEqualTo(crlf.replace("\"Hello.\"", "\"Hi.\""));
    }

    @Test
    void aPromptNotInTheFileIsSaidSo() {
        assertThatThrownBy(() -> CatalogueLines.withText(YAML, "greet", "en-US", "Hi."))
                .hasMessage("no prompt 'greet' in the catalogue file");
        assertThatThrownBy(() -> CatalogueLines.withText("other: {}\n", "greeting", "en-US", "Hi."))
                .hasMessage("no top-level 'prompts:' line in the catalogue");
    }
}
