package com.chengshi.hotline.prompts;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {company}, {hotline} and {seat} into a catalogue text. Each has a kind, and the kind, not the text, decides how
 * it is said: {hotline} is a phone number (read digit by digit in groups), {seat} a number (七号), {company} text.
 */
final class Placeholders {

    enum Kind { TEXT, PHONE_NUMBER, NUMBER }

    static final String SEAT = "seat";
    private static final Map<String, Kind> KINDS = Map.of("company", Kind.TEXT, "hotline", Kind.PHONE_NUMBER,
            SEAT, Kind.NUMBER);
    static final String KNOWN = "{company} text, {hotline} phone number, {seat} number";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final Map<String, String> companyName;
    private final String hotlineNumber;
    private final SpokenNumbers numbers;

    Placeholders(Map<String, String> companyName, String hotlineNumber, SpokenNumbers numbers) {
        this.companyName = Map.copyOf(companyName);
        this.hotlineNumber = hotlineNumber;
        this.numbers = numbers;
    }

    static List<String> unknownIn(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).filter(n -> !KINDS.containsKey(n)).toList();
    }

    /** Whether the text reads out a phone number ({hotline}). */
    static boolean readsOutAPhoneNumber(String text) {
        return PLACEHOLDER.matcher(text).results().anyMatch(m -> KINDS.get(m.group(1)) == Kind.PHONE_NUMBER);
    }

    /** The text with its placeholders taken out, for checks of what the catalogue itself says. */
    static String withoutPlaceholders(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(" ");
    }

    static boolean hasSeat(String text) {
        return text.contains("{" + SEAT + "}");
    }

    /** Why {@code language} cannot be filled in, or null when it can. */
    String missingValue(String text, String language) {
        return text.contains("{company}") && !companyName.containsKey(language)
                ? "no hotline.company-name." + language + " for {company}" : null;
    }

    /** The text as people read it: for transcripts and the call log. */
    String fill(String text, String language, int seat) {
        return replace(text, name -> switch (KINDS.get(name)) {
            case TEXT -> companyName.getOrDefault(language, "");
            case PHONE_NUMBER -> hotlineNumber;
            case NUMBER -> Integer.toString(seat);
        });
    }

    /** The text as the voice is to say it: numbers in the words of their kind, from the catalogue's digits. */
    String speakable(Catalogue catalogue, String text, String language, int seat) {
        return replace(text, name -> switch (KINDS.get(name)) {
            case TEXT -> companyName.getOrDefault(language, "");
            case PHONE_NUMBER -> numbers.words(hotlineNumber, id -> catalogue.text(id, language).orElse(""));
            case NUMBER -> SpokenNumbers.cardinal(seat, language);
        });
    }

    SpokenNumbers numbers() {
        return numbers;
    }

    private static String replace(String text, Function<String, String> value) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(KINDS.containsKey(r.group(1)) ? value.apply(r.group(1))
                : r.group()));
    }
}
