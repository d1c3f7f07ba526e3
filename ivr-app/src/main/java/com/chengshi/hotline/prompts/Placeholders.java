package com.chengshi.hotline.prompts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {company}, {hotline} and {seat} into a catalogue text. */
final class Placeholders {

    static final String SEAT = "seat";
    private static final Set<String> NAMES = Set.of("company", "hotline", SEAT);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final Map<String, String> companyName;
    private final String hotlineNumber;

    Placeholders(Map<String, String> companyName, String hotlineNumber) {
        this.companyName = Map.copyOf(companyName);
        this.hotlineNumber = hotlineNumber;
    }

    static List<String> unknownIn(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).filter(n -> !NAMES.contains(n)).toList();
    }

    static boolean hasSeat(String text) {
        return text.contains("{" + SEAT + "}");
    }

    /** Why {@code language} cannot be filled in, or null when it can. */
    String missingValue(String text, String language) {
        return text.contains("{company}") && !companyName.containsKey(language)
                ? "no hotline.company-name." + language + " for {company}" : null;
    }

    String fill(String text, String language, int seat) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(switch (r.group(1)) {
            case "company" -> companyName.getOrDefault(language, "");
            case "hotline" -> hotlineNumber;
            case SEAT -> Integer.toString(seat);
            default -> r.group();
        }));
    }
}
