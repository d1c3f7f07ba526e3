package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.flow.FlowPrompts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything that makes a catalogue unfit to play, one line per problem: a prompt the flow plays missing in a
 * language, an unknown placeholder, a phrase the standard forbids, an id that is not a safe file name, a recording
 * Asterisk cannot play, a {seat} prompt without its seat-less form, a Mandarin number the voice would read wrongly,
 * and a text the language's voice would read partly in another language (by the engine's own account of how it
 * reads it). The app keeps the last good catalogue instead of such a one, at start and on a live edit. A recording
 * that matches no prompt id is only a warning: it is never played, and it must not hold up the edits after it.
 */
final class CatalogueCheck {

    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern RECORDING_NAME = Pattern.compile("(.+?)(-seat[0-9]+)?\\.wav");

    /**
     * The catalogue as read (null when it could not be read at all), the text it was read from (null likewise), its
     * problems, and the recordings that match no prompt id (warnings, not problems).
     */
    record Result(Catalogue catalogue, String text, List<String> problems, List<String> strayRecordings) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The seat the voice check fills into {seat} prompts, besides the configured seats. */
    static final int SAMPLE_SEAT = 7;
    static final String NO_SEAT_SUFFIX = "-no-seat";
    /** A number or a time in digits, which a Mandarin voice reads as it pleases (8:00 as 八零零, not 八点). */
    /** "请按1", "按井号键", "press 1", "press the hash key": a key a text tells the caller to press. */
    private static final Pattern ANNOUNCED_KEY = Pattern.compile("(?:按|[Pp]ress (?:the )?)([0-9]|井号|星号|hash|star)");
    private static final Pattern MANDARIN_NUMBER = Pattern.compile("[0-9]+[:：.][0-9]+|[0-9]{2,}");

    private final List<String> languages;
    private final Placeholders placeholders;
    private final Collection<String> requiredIds;
    private final Set<Character> menuKeys;
    private final Map<String, TtsEngine> voices;
    private final Collection<Integer> seats;
    private final Recordings recordings;

    CatalogueCheck(List<String> languages, Placeholders placeholders, FlowPrompts flow,
                   Map<String, TtsEngine> voices, Collection<Integer> seats, Recordings recordings) {
        this.languages = List.copyOf(languages);
        this.placeholders = placeholders;
        this.requiredIds = Stream.concat(flow.ids().stream().sorted(), SpokenNumbers.DIGIT_IDS.stream()).toList();
        this.menuKeys = flow.menuKeys();
        this.voices = Map.copyOf(voices);
        this.seats = new TreeSet<>(seats);
        this.seats.add(SAMPLE_SEAT);
        this.recordings = recordings;
    }

    /**
     * The check the app and `prompts check` run: the configured languages, every prompt the configured flow may play
     * and the digits, the keys its menu announces, each language's voice, and the recordings beside the configured
     * catalogue (also when the file checked is the last good copy, kept elsewhere).
     */
    static CatalogueCheck from(PromptsProperties properties, FlowPrompts flow, Map<String, TtsEngine> voices) {
        return new CatalogueCheck(properties.prompts().languages(), properties.placeholders(), flow, voices,
                properties.prompts().seats(), Recordings.beside(properties.prompts().catalogue()));
    }

    /** The keys {@code text} tells the caller to press. */
    static Set<Character> announcedKeys(String text) {
        return ANNOUNCED_KEY.matcher(text).results().map(m -> switch (m.group(1)) {
            case "井号", "hash" -> '#';
            case "星号", "star" -> '*';
            default -> m.group(1).charAt(0);
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    Result check(Path file) {
        String source;
        Catalogue catalogue;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
            catalogue = Catalogue.parse(source);
        } catch (IOException e) {
            return new Result(null, null, List.of(file + ": cannot read: " + e), List.of());
        } catch (Catalogue.InvalidException e) {
            return new Result(null, null, e.problems().stream().map(p -> file + ": " + p).toList(), List.of());
        }
        List<String> problems = new ArrayList<>();
        for (String id : requiredIds) {
            for (String language : languages) {
                if (catalogue.text(id, language).isEmpty()) {
                    problems.add(file + ": " + id + ": missing in " + language + " (the call flow plays it)");
                }
            }
        }
        if (!menuKeys.isEmpty()) {
            for (String language : languages) {
                catalogue.text(FlowPrompts.MENU, language).map(CatalogueCheck::announcedKeys)
                        .filter(announced -> !announced.equals(new TreeSet<>(menuKeys)))
                        .ifPresent(announced -> problems.add(file + ": " + FlowPrompts.MENU + " [" + language
                                + "]: announces the keys " + announced + ", but hotline.flow.menu.options offers "
                                + new TreeSet<>(menuKeys)));
            }
        }
        catalogue.texts().forEach((id, texts) -> {
            if (!SAFE_ID.matcher(id).matches()) {
                problems.add(file + ": id '" + id + "' is not a safe file name (letters, digits, '-' and '_' only)");
            }
            texts.forEach((language, text) -> {
                problems.addAll(textProblems(file, id, language, text));
                if (Placeholders.hasSeat(text) && catalogue.text(id + NO_SEAT_SUFFIX, language)
                        .filter(t -> !Placeholders.hasSeat(t)).isEmpty()) {
                    problems.add(file + ": " + id + " [" + language + "]: has {seat} but no " + id + NO_SEAT_SUFFIX
                            + " without it, which calls hear while a new seat's audio is being made");
                }
            });
        });
        if (problems.isEmpty()) {
            problems.addAll(voiceProblems(file, catalogue));
        }
        problems.addAll(recordingProblems());
        return new Result(catalogue, source, List.copyOf(problems), strayRecordings(catalogue));
    }

    private List<String> textProblems(Path file, String id, String language, String text) {
        String where = file + ": " + id + " [" + language + "]: ";
        List<String> problems = new ArrayList<>();
        Placeholders.unknownIn(text).forEach(p -> problems.add(where + "unknown placeholder {" + p + "}"
                + " (known: " + Placeholders.KNOWN + ")"));
        if (language.startsWith("zh")) {
            MANDARIN_NUMBER.matcher(Placeholders.withoutPlaceholders(text)).results().forEach(m -> problems.add(where
                    + "\"" + m.group() + "\" in digits may be read as an amount or digit by digit; write it in words"
                    + " (八点, 二十四小时), or use {hotline} for the hotline's number"));
        }
        ForbiddenPhrases.foundIn(text).forEach(p -> problems.add(where + "forbidden phrase \"" + p
                + "\" (客户服务禁语, phone-service standard)"));
        Optional.ofNullable(placeholders.missingValue(text, language)).ifPresent(m -> problems.add(where + m));
        return problems;
    }

    /**
     * How each language's voice would read each text, as filled in for calls; skipped where no voice is installed.
     * The texts are read side by side: each is an engine process, and the app runs this check at start.
     */
    private List<String> voiceProblems(Path file, Catalogue catalogue) {
        List<String> problems = new ArrayList<>();
        voices.forEach((language, voice) -> {
            if (voice.unavailable().isEmpty()) {
                catalogue.texts().entrySet().parallelStream()
                        .filter(prompt -> prompt.getValue().containsKey(language))
                        .map(prompt -> misreadings(voice, catalogue, language, prompt.getValue().get(language)).stream()
                                .map(m -> file + ": " + prompt.getKey() + " [" + language + "]: " + m).toList())
                        .forEachOrdered(problems::addAll);
            }
        });
        return problems;
    }

    private Set<String> misreadings(TtsEngine voice, Catalogue catalogue, String language, String text) {
        Set<String> found = new LinkedHashSet<>();
        for (int seat : Placeholders.hasSeat(text) ? seats : List.of(0)) {
            try {
                found.addAll(voice.misreadings(placeholders.speakable(catalogue, text, language, seat)));
            } catch (IOException e) {
                found.add("the voice could not read it: " + e.getMessage());
            }
        }
        return found;
    }

    private List<String> recordingProblems() {
        List<String> problems = new ArrayList<>();
        for (Path wav : recordings.all(languages)) {
            try {
                TelephoneFormat.problemWith(wav)
                        .ifPresent(p -> problems.add(wav + ": " + p + "; " + TelephoneFormat.HOW_TO_CONVERT));
            } catch (IOException e) {
                problems.add(wav + ": cannot read: " + e);
            }
        }
        return problems;
    }

    /** A recording named after an id the catalogue lacks: a typo, or a prompt since deleted. */
    private List<String> strayRecordings(Catalogue catalogue) {
        List<String> stray = new ArrayList<>();
        for (Path wav : recordings.all(languages)) {
            var name = RECORDING_NAME.matcher(wav.getFileName().toString());
            if (name.matches() && !catalogue.ids().contains(name.group(1))) {
                stray.add(wav + ": no prompt with id '" + name.group(1) + "' in the catalogue, so it is never played");
            }
        }
        return List.copyOf(stray);
    }
}
