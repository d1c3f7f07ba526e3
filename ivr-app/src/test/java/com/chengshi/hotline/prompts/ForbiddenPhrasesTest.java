package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForbiddenPhrasesTest {

    @Test
    void findsMandarinPhrasesWhateverThePunctuation() {
        assertThat(ForbiddenPhrases.foundIn("喂～谁呀?")).containsExactly("喂~谁呀");
        assertThat(ForbiddenPhrases.foundIn("你还有别的事吗?没事我挂了")).contains("你还有别的事吗", "没事我挂了");
        assertThat(ForbiddenPhrases.foundIn("对不起,但是我们很忙")).containsExactly("但是");
    }

    @Test
    void findsEnglishPhrasesAsWholeWordsInAnyCase() {
        assertThat(ForbiddenPhrases.foundIn("Sorry, BUT we are busy.")).containsExactly("but");
        assertThat(ForbiddenPhrases.foundIn("I can\u2019t help")).containsExactly("I can't");
        assertThat(ForbiddenPhrases.foundIn("You dialled the wrong  number.")).containsExactly("wrong number");
        assertThat(ForbiddenPhrases.foundIn("Press the button, butter is attributed.")).isEmpty();
        assertThat(ForbiddenPhrases.foundIn("If you cannot hear me well, press 9.")).isEmpty();
    }
}
