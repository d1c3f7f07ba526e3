package com.chengshi.hotline.prompts;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The prompt texts as written in {@code catalogue.yml}, placeholders unfilled: id → language → text. */
public record Catalogue(Map<String, Map<String, String>> texts) {

    /** The YAML did not have the catalogue's shape; each problem is one line for the admin. */
    public static final class InvalidException extends Exception {
        private final List<String> problems;

        InvalidException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The catalogue in {@code file}, for a reader outside the prompts (the dialplan check); unchecked. */
    public static Catalogue read(Path file) throws IOException, InvalidException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Catalogue parse(String yaml) throws InvalidException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidException(List.of("not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("prompts") instanceof Map<?, ?> prompts)) {
            throw new InvalidException(List.of("expected a top-level 'prompts:' map of id to texts"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        prompts.forEach((id, byLanguage) -> {
            if (!(byLanguage instanceof Map<?, ?> languages)) {
                problems.add(id + ": expected a map of language to text");
                return;
            }
            Map<String, String> entry = new LinkedHashMap<>();
            languages.forEach((language, text) -> {
                if (text instanceof String s && !s.isBlank()) {
                    entry.put(String.valueOf(language), s);
                } else {
                    problems.add(id + " [" + language + "]: expected a non-empty text");
                }
            });
            texts.put(String.valueOf(id), Collections.unmodifiableMap(entry));
        });
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        return new Catalogue(Collections.unmodifiableMap(texts));
    }

    Set<String> ids() {
        return texts.keySet();
    }

    public Optional<String> text(String id, String language) {
        return Optional.ofNullable(texts.getOrDefault(id, Map.of()).get(language));
    }
}
