package com.chengshi.hotline.prompts;

import com.chengshi.hotline.flow.Prompt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything that makes a catalogue unfit to play, one line per problem: a prompt the flow plays missing in a
 * language, an unknown placeholder, a phrase the standard forbids, an id that is not a safe file name, a recording
 * Asterisk cannot play. The app refuses such a catalogue at start and keeps the last good one on a live edit.
 */
final class CatalogueCheck {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern RECORDING_NAME = Pattern.compile("(.+?)(-seat[0-9]+)?\\.wav");

    /** The catalogue as read (null when it could not be read at all) and its problems. */
    record Result(Catalogue catalogue, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final List<String> languages;
    private final Placeholders placeholders;
    private final Collection<String> flowIds;

    CatalogueCheck(List<String> languages, Placeholders placeholders, Collection<String> flowIds) {
        this.languages = List.copyOf(languages);
        this.placeholders = placeholders;
        this.flowIds = List.copyOf(flowIds);
    }

    /** The check the app and `prompts check` run: the configured languages and every id of {@link Prompt}. */
    static CatalogueCheck from(PromptsProperties properties) {
        return new CatalogueCheck(properties.prompts().languages(),
                new Placeholders(properties.companyName(), properties.hotlineNumber()),
                Arrays.stream(Prompt.values()).map(Prompt::id).toList());
    }

    Result check(Path file) {
        Catalogue catalogue;
        try {
            catalogue = Catalogue.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(null, List.of(file + ": cannot read: " + e));
        } catch (Catalogue.InvalidException e) {
            return new Result(null, e.problems().stream().map(p -> file + ": " + p).toList());
        }
        List<String> problems = new ArrayList<>();
        for (String id : flowIds) {
            for (String language : languages) {
                if (catalogue.text(id, language).isEmpty()) {
                    problems.add(file + ": " + id + ": missing in " + language + " (the call flow plays it)");
                }
            }
        }
        catalogue.texts().forEach((id, texts) -> {
            if (!SAFE_ID.matcher(id).matches()) {
                problems.add(file + ": id '" + id + "' is not a safe file name (letters, digits, '-' and '_' only)");
            }
            texts.forEach((language, text) -> problems.addAll(textProblems(file, id, language, text)));
        });
        problems.addAll(recordingProblems(Recordings.beside(file), catalogue));
        return new Result(catalogue, List.copyOf(problems));
    }

    private List<String> textProblems(Path file, String id, String language, String text) {
        String where = file + ": " + id + " [" + language + "]: ";
        List<String> problems = new ArrayList<>();
        Placeholders.unknownIn(text).forEach(p -> problems.add(where + "unknown placeholder {" + p + "}"
                + " (known: {company}, {hotline}, {seat})"));
        ForbiddenPhrases.foundIn(text).forEach(p -> problems.add(where + "forbidden phrase \"" + p
                + "\" (客户服务禁语, phone-service standard)"));
        Optional.ofNullable(placeholders.missingValue(text, language)).ifPresent(m -> problems.add(where + m));
        return problems;
    }

    private List<String> recordingProblems(Recordings recordings, Catalogue catalogue) {
        List<String> problems = new ArrayList<>();
        for (Path wav : recordings.all(languages)) {
            var name = RECORDING_NAME.matcher(wav.getFileName().toString());
            if (name.matches() && !catalogue.ids().contains(name.group(1))) {
                problems.add(wav + ": no prompt with id '" + name.group(1) + "' in the catalogue");
            }
            try {
                WavFiles.telephoneFormatProblem(wav).ifPresent(p -> problems.add(wav + ": " + p));
            } catch (IOException e) {
                problems.add(wav + ": cannot read: " + e);
            }
        }
        return problems;
    }
}
