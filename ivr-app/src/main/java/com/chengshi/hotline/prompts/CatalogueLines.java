package com.chengshi.hotline.prompts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text of the catalogue changed in its YAML as an admin would change it by hand: only that entry's line is
 * rewritten (as a double-quoted scalar; a comment after it stays), every other line, comment and blank is kept. An
 * entry without a text in the language gets a line after its last one.
 */
final class CatalogueLines {

    /** The edit cannot be made in this file's layout; the message says why. */
    static final class CannotEditException extends Exception {
        CannotEditException(String message) {
            super(message);
        }
    }

    private static final Pattern TOP = Pattern.compile("prompts:\\s*(#.*)?");
    /** A language line whose value is a double-quoted scalar, with what follows it on the line. */
    private static final Pattern QUOTED_VALUE = Pattern.compile("(\\s*[^\\s:]+:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"(\\s+#.*)?\\s*");

    private CatalogueLines() {
    }

    static String withText(String yaml, String id, String language, String text) throws CannotEditException {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        int top = 0;
        while (top < lines.size() && !TOP.matcher(lines.get(top).stripTrailing()).matches()) {
            top++;
        }
        if (top == lines.size()) {
            throw new CannotEditException("no top-level 'prompts:' line in the catalogue");
        }
        int entry = -1;
        int entryIndent = -1;
        for (int i = top + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isBlankOrComment(line)) {
                continue;
            }
            int indent = indent(line);
            if (indent == 0) {
                break;
            }
            if (entryIndent < 0) {
                entryIndent = indent;
            }
            if (indent == entryIndent && key(line).filter(id::equals).isPresent() && valueAfterKey(line).isEmpty()) {
                entry = i;
                break;
            }
        }
        if (entry < 0) {
            throw new CannotEditException("no prompt '" + id + "' in the catalogue file");
        }
        int lastText = entry;
        int languageLine = -1;
        int languageIndent = -1;
        for (int i = entry + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int indent = indent(line);
            if (indent <= entryIndent) {
                break;
            }
            if (isBlankOrComment(line)) {
                continue;
            }
            lastText = i;
            if (languageIndent < 0) {
                languageIndent = indent;
            }
            if (indent == languageIndent && key(line).filter(language::equals).isPresent()) {
                languageLine = i;
            }
        }
        if (languageIndent < 0) {
            languageIndent = entryIndent + 2;
        }
        String lineEnd = lines.get(entry).endsWith("\r") ? "\r" : "";
        String newLine = " ".repeat(languageIndent) + language + ": " + quoted(text);
        if (languageLine < 0) {
            lines.add(lastText + 1, newLine + lineEnd);
            return String.join("\n", lines);
        }
        // The value may go on over more-indented lines (a folded or a long quoted text): they are part of it.
        int valueEnd = languageLine + 1;
        for (int i = languageLine + 1; i <= lastText; i++) {
            if (!lines.get(i).isBlank() && indent(lines.get(i)) <= languageIndent) {
                break;
            }
            valueEnd = i + 1;
        }
        while (valueEnd > languageLine + 1 && lines.get(valueEnd - 1).isBlank()) {
            valueEnd--;
        }
        String old = lines.get(languageLine).replace("\r", "");
        Matcher simple = QUOTED_VALUE.matcher(old);
        String comment = valueEnd == languageLine + 1 && simple.matches() && simple.group(2) != null
                ? simple.group(2) : "";
        lines.subList(languageLine, valueEnd).clear();
        lines.add(languageLine, newLine + comment + lineEnd);
        return String.join("\n", lines);
    }

    /** The text as a YAML double-quoted scalar: quotes, backslashes and every control or line-break character escaped. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        quoted.append(String.format("\\u%04x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private static boolean isBlankOrComment(String line) {
        return line.isBlank() || line.strip().startsWith("#");
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The line's key, unquoted: {@code greeting} in {@code "  greeting:"}, {@code zh-CN} in {@code zh-CN: "..."}. */
    private static Optional<String> key(String line) {
        String s = line.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = s.substring(0, colon).strip();
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            key = key.substring(1, key.length() - 1);
        }
        return Optional.of(key);
    }

    /** What follows the key's colon, without a comment; empty for an entry's own line. */
    private static Optional<String> valueAfterKey(String line) {
        String s = line.strip();
        String value = s.substring(s.indexOf(':') + 1).strip();
        return value.isEmpty() || value.startsWith("#") ? Optional.empty() : Optional.of(value);
    }
}
