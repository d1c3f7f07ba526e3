package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard nobody here can listen for: every Mandarin prompt, filled in as calls hear it, spoken by the zh-CN voice
 * as application.yml configures it, read by that voice's own account (its phonemes) with no switch to another
 * language, and the hotline's number read digit by digit. espeak-ng's default Mandarin voice `cmn` read 您好 as
 * English "nin two hao three"; this fails on exactly that.
 */
class MandarinVoiceTest {

    private static final List<Integer> SEATS = List.of(1, 7, 12, 105);

    private static PromptsProperties settings;
    private static EspeakEngine voice;
    private static Catalogue catalogue;

    @BeforeAll
    static void configuredVoice() throws Exception {
        settings = PromptsCommand.withSettings(List.of("--hotline.prompts.catalogue=" + TestPrompts.projectCatalogue()),
                (properties, flow) -> properties);
        TtsEngine engine = SpeechEngines.from(settings.prompts()).get("zh-CN");
        assertThat(engine).as("zh-CN is spoken by espeak-ng").isInstanceOf(EspeakEngine.class);
        voice = (EspeakEngine) engine;
        assertThat(voice.unavailable()).as("espeak-ng must be installed (apt-get install espeak-ng)").isEmpty();
        catalogue = Catalogue.parse(Files.readString(TestPrompts.projectCatalogue()));
    }

    @Test
    void everyMandarinPromptIsReadAsMandarin() throws Exception {
        Placeholders placeholders = settings.placeholders();
        List<String> misread = new ArrayList<>();
        int texts = 0;
        for (Map.Entry<String, Map<String, String>> prompt : catalogue.texts().entrySet()) {
            String text = prompt.getValue().get("zh-CN");
            for (int seat : Placeholders.hasSeat(text) ? SEATS : List.of(0)) {
                String spoken = placeholders.speakable(catalogue, text, "zh-CN", seat);
                voice.misreadings(spoken).forEach(m -> misread.add(prompt.getKey() + " (seat " + seat + "): " + m));
                texts++;
            }
        }

        assertThat(texts).isGreaterThan(catalogue.ids().size());
        assertThat(misread).isEmpty();
    }

    @Test
    void theHotlineNumberIsReadDigitByDigitInGroups() throws Exception {
        String spoken = settings.placeholders().speakable(catalogue, catalogue.text("info-opening-hours", "zh-CN")
                .orElseThrow(), "zh-CN", 0);
        List<String> phonemes = voice.phonemes(spoken);

        assertThat(spoken).endsWith("服务热线四 零 零, 零 零 零, 零 零 零 零。");
        // 四零零 / 零零零 / 零零零零, each group its own clause (a pause), and never 四百 (s'i[51p'ai21).
        int last = phonemes.size() - 1;
        assertThat(phonemes.get(last - 2)).endsWith("S;'iE51n_| s'i[51_| l'i35N_| l'i35N_|");
        assertThat(phonemes.subList(last - 1, last + 1)).containsExactly("l'i35N_| l'i35N_| l'i35N_|",
                "l'i35N_| l'i35N_| l'i35N_| l'i35N_|");
        assertThat(String.join(" ", phonemes)).doesNotContain("p'ai");
    }

    @Test
    void oneInAPhoneNumberIsYao() throws Exception {
        String words = new SpokenNumbers("CN").words("13800138000", id -> catalogue.text(id, "zh-CN").orElseThrow());

        assertThat(words).isEqualTo("幺 三 八, 零 零 幺 三, 八 零 零 零");
        assertThat(voice.phonemes(words)).first().asString().startsWith("j'Au55_| s'a55n_| p'A55_|");
    }

    @Test
    void aSeatIsANumber() throws Exception {
        String greeting = catalogue.text("greeting", "zh-CN").orElseThrow();

        assertThat(settings.placeholders().speakable(catalogue, greeting, "zh-CN", 7)).contains("诚实集团七号客服");
        // 一百零五, where espeak-ng reads "105" as 一百五 (j,i55pai35_|_| w'u21).
        String seat105 = String.join(" ", voice.phonemes(settings.placeholders().speakable(catalogue, greeting,
                "zh-CN", 105)));
        assertThat(seat105).contains("p'ai21_| l'i35N_| w'u21_| X'Au51");
    }
}
