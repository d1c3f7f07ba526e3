package com.chengshi.hotline.prompts;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpokenNumbersTest {

    private final SpokenNumbers numbers = new SpokenNumbers("CN");

    @Test
    void phoneNumbersAreReadInTheGroupsPeopleSayThem() {
        assertThat(numbers.groups("400-000-0000")).containsExactly("400", "000", "0000");
        assertThat(numbers.groups("4000000000")).containsExactly("400", "000", "0000");
        assertThat(numbers.groups("13800138000")).containsExactly("138", "0013", "8000");
        assertThat(numbers.groups("01012345678")).containsExactly("010", "1234", "5678");
    }

    @Test
    void aHomeNumberInE164IsReadWithoutItsCountryCodeAForeignOneWithIt() {
        assertThat(numbers.groups("+8613800138000")).containsExactly("138", "0013", "8000");
        assertThat(numbers.groups("+16502530000")).containsExactly("+", "1", "650", "253", "0000");
    }

    @Test
    void whatIsNoPhoneNumberIsReadAsWritten() {
        assertThat(numbers.groups("1001")).containsExactly("1001");
        assertThat(numbers.groups("95588")).containsExactly("95588");
        assertThat(numbers.groups("")).isEmpty();
    }

    @Test
    void wordsComeFromTheCatalogueDigitsWithACommaBetweenGroups() {
        Map<String, String> english = Map.of("digit-0", "zero", "digit-4", "four");

        assertThat(numbers.words("400-000-0000", english::get))
                .isEqualTo("four zero zero, zero zero zero, zero zero zero zero");
    }

    @Test
    void aCountIsAChineseNumeralInMandarinAndDigitsElsewhere() {
        assertThat(SpokenNumbers.cardinal(7, "zh-CN")).isEqualTo("七");
        assertThat(SpokenNumbers.cardinal(10, "zh-CN")).isEqualTo("十");
        assertThat(SpokenNumbers.cardinal(12, "zh-CN")).isEqualTo("十二");
        assertThat(SpokenNumbers.cardinal(20, "zh-CN")).isEqualTo("二十");
        assertThat(SpokenNumbers.cardinal(105, "zh-CN")).isEqualTo("一百零五");
        assertThat(SpokenNumbers.cardinal(110, "zh-CN")).isEqualTo("一百一十");
        assertThat(SpokenNumbers.cardinal(1005, "zh-CN")).isEqualTo("一千零五");
        assertThat(SpokenNumbers.cardinal(2300, "zh-CN")).isEqualTo("二千三百");
        assertThat(SpokenNumbers.cardinal(10001, "zh-CN")).isEqualTo("一万零一");
        assertThat(SpokenNumbers.cardinal(0, "zh-CN")).isEqualTo("零");
        assertThat(SpokenNumbers.cardinal(12, "en-US")).isEqualTo("12");
    }
}
