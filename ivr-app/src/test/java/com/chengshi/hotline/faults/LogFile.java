package com.chengshi.hotline.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log file of a hotline run as its own process: how often it repeated itself, the most lines of one kind in one second. */
final class LogFile {

    /** Spring Boot's console line: the time to the second, then the rest after the logger's name. */
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.\\d+\\S*\\s+(\\w+) .*? : (.*)$");

    private LogFile() {
    }

    /** E.g. {@code 3 x "WARN Call <n> lost its connection..."}: lines that differ only in numbers are one kind. */
    static String mostRepeatedPerSecond(Path log) {
        Map<String, Integer> counts = new HashMap<>();
        try (var lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    String kind = m.group(2) + " " + m.group(3).replaceAll("\\d+", "<n>");
                    counts.merge(m.group(1) + " " + kind, 1, Integer::sum);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getValue() + " x \"" + shorten(e.getKey().substring(20)) + "\"").orElse("none");
    }

    private static String shorten(String kind) {
        return kind.length() <= 110 ? kind : kind.substring(0, 110) + "...";
    }
}
