package com.chengshi.hotline.prompts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How the hotline says numbers. A phone number is read digit by digit, in the groups people say it in (138 0013 8000,
 * 400 000 0000, as libphonenumber formats it for the hotline's region), with each digit's word from the catalogue
 * ({@code digit-0} … {@code digit-9}, {@code digit-plus}: in Mandarin 1 is 幺). A count, such as a seat, is a number.
 */
final class SpokenNumbers {

    static final String PLUS_ID = "digit-plus";
    /** The catalogue prompts a phone number is spoken with. */
    static final List<String> DIGIT_IDS = Stream.concat(IntStream.rangeClosed(0, 9).mapToObj(d -> "digit-" + d),
            Stream.of(PLUS_ID)).toList();

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final String CHINESE_DIGITS = "零一二三四五六七八九";

    private final String region;

    /** {@code region}: where the hotline is (ISO 3166, e.g. CN), whose numbers are read without the country code. */
    SpokenNumbers(String region) {
        this.region = region;
    }

    /** The groups of a phone number as they are read: each a run of digits, or "+". */
    List<String> groups(String number) {
        String formatted = number;
        try {
            Phonenumber.PhoneNumber parsed = PHONE_NUMBERS.parse(number, region);
            if (PHONE_NUMBERS.isValidNumber(parsed)) {
                formatted = PHONE_NUMBERS.format(parsed, region.equals(PHONE_NUMBERS.getRegionCodeForNumber(parsed))
                        ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                        : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
            }
        } catch (NumberParseException e) {
            // Not a phone number libphonenumber knows (an extension, a short code): read it as written.
        }
        List<String> groups = new ArrayList<>();
        if (formatted.strip().startsWith("+")) {
            groups.add("+");
        }
        Arrays.stream(formatted.split("[^0-9]+")).filter(g -> !g.isEmpty()).forEach(groups::add);
        return groups;
    }

    /** The catalogue id of a character of {@link #groups}. */
    static String digitId(char c) {
        return c == '+' ? PLUS_ID : "digit-" + c;
    }

    /**
     * A phone number in words, e.g. "四 零 零, 零 零 零, 零 零 零 零": each group's digits, and a comma between groups,
     * which every voice takes as a short pause.
     */
    String words(String number, Function<String, String> digitWord) {
        return groups(number).stream()
                .map(group -> group.chars().mapToObj(c -> digitWord.apply(digitId((char) c)))
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining(", "));
    }

    /**
     * A count as the language says it: Chinese numerals for Mandarin (espeak-ng reads "105" as 一百五, dropping the 零),
     * digits for the others, whose voices read them as numbers.
     */
    static String cardinal(int n, String language) {
        return language.startsWith("zh") && n >= 0 && n < 100_000_000 ? chinese(n) : Integer.toString(n);
    }

    private static String chinese(int n) {
        if (n < 10) {
            return String.valueOf(CHINESE_DIGITS.charAt(n));
        }
        if (n >= 10_000) {
            int rest = n % 10_000;
            return chinese(n / 10_000) + "万" + (rest == 0 ? "" : (rest < 1000 ? "零" : "") + chinese(rest));
        }
        String[] units = {"千", "百", "十", ""};
        int[] values = {1000, 100, 10, 1};
        StringBuilder said = new StringBuilder();
        boolean pendingZero = false;
        for (int i = 0; i < values.length; i++) {
            int digit = n / values[i] % 10;
            if (digit == 0) {
                pendingZero = said.length() > 0;
                continue;
            }
            if (pendingZero) {
                said.append('零');
                pendingZero = false;
            }
            // 十二, not 一十二, at the start of a number below twenty.
            if (!(digit == 1 && values[i] == 10 && said.length() == 0)) {
                said.append(CHINESE_DIGITS.charAt(digit));
            }
            said.append(units[i]);
        }
        return said.toString();
    }
}
