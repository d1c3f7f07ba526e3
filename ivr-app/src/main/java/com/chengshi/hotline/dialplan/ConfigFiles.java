package com.chengshi.hotline.dialplan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's config file syntax as far as the dialplan check needs it: {@code ;} comments (and {@code ;-- --;}
 * blocks, and {@code \;} for a literal semicolon), {@code #include} / {@code #tryinclude} (with a {@code *} in the
 * file name), and {@code [section](options)} headers. A file that cannot be read is a problem, never an exception.
 */
final class ConfigFiles {

    /** {@code [name]} or {@code [name](!)}, {@code [name](template)}, {@code [name](+)}. */
    static final Pattern HEADER = Pattern.compile("^\\[([^\\]]+)\\]\\s*(?:\\(([^)]*)\\))?");
    private static final Pattern INCLUDE = Pattern.compile("^#(include|tryinclude)\\s+\"?([^\"]+?)\"?\\s*$");

    /**
     * One line of a config file with its comment taken off and its blanks trimmed: never blank, never an include.
     *
     * @param section the {@code [section]} it is in, "" before the first
     */
    record Line(Path file, int number, String section, String text) {
    }

    private final Path configDir;
    private final Set<Path> read;
    private final List<DialplanCheck.Problem> problems;

    /**
     * @param configDir where relative includes are looked for (then in its parent, for a folder of Asterisk's own
     *                  config dir such as {@code /etc/asterisk/hotline})
     * @param read      the files read so far, which are not read again (an include loop, or a file both listed and
     *                  included)
     * @param problems  where a file that cannot be read is reported
     */
    ConfigFiles(Path configDir, Set<Path> read, List<DialplanCheck.Problem> problems) {
        this.configDir = configDir;
        this.read = read;
        this.problems = problems;
    }

    /** The lines of {@code file} with its includes in their place; none if it was read already or cannot be. */
    List<Line> lines(Path file) {
        List<Line> lines = new ArrayList<>();
        read(file, lines);
        return lines;
    }

    private void read(Path file, List<Line> into) {
        if (!read.add(file.toAbsolutePath().normalize())) {
            return;
        }
        List<String> text;
        try {
            // Leniently decoded: a Latin-1 comment does not stop the check, and everything checked is ASCII.
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            problems.add(new DialplanCheck.Problem(file, 0, "cannot read it: " + reason(e)));
            return;
        }
        String section = "";
        boolean inBlockComment = false;
        for (int i = 0; i < text.size(); i++) {
            StringBuilder kept = new StringBuilder();
            inBlockComment = withoutComments(text.get(i), inBlockComment, kept);
            String line = kept.toString().strip();
            Matcher include = INCLUDE.matcher(line);
            Matcher header = HEADER.matcher(line);
            if (include.matches()) {
                include(file, i + 1, include.group(2).strip(), include.group(1).equals("tryinclude"), into);
            } else if (!line.isEmpty()) {
                if (header.find()) {
                    section = header.group(1).strip();
                }
                into.add(new Line(file, i + 1, section, line));
            }
        }
    }

    /** Appends the part of {@code line} outside comments to {@code kept}; returns whether a block comment is open. */
    private static boolean withoutComments(String line, boolean inBlockComment, StringBuilder kept) {
        for (int c = 0; c < line.length(); c++) {
            if (inBlockComment) {
                if (line.startsWith("--;", c)) {
                    inBlockComment = false;
                    c += 2;
                }
            } else if (line.charAt(c) == '\\' && line.startsWith(";", c + 1)) {
                kept.append(';');
                c++;
            } else if (line.startsWith(";--", c)) {
                inBlockComment = true;
                c += 2;
            } else if (line.charAt(c) == ';') {
                break;
            } else {
                kept.append(line.charAt(c));
            }
        }
        return inBlockComment;
    }

    private void include(Path from, int number, String name, boolean optional, List<Line> into) {
        Path wanted = Path.of(name);
        List<Path> candidates = wanted.isAbsolute() ? List.of(wanted)
                : configDir.getParent() == null ? List.of(configDir.resolve(wanted))
                : List.of(configDir.resolve(wanted), configDir.getParent().resolve(wanted));
        for (Path candidate : candidates) {
            List<Path> files = matching(candidate);
            if (!files.isEmpty()) {
                files.forEach(file -> read(file, into));
                return;
            }
        }
        if (!optional) {
            problems.add(new DialplanCheck.Problem(from, number, "#include " + name + ": no such file (looked for "
                    + String.join(" and ", candidates.stream().map(Path::toString).toList()) + ")"));
        }
    }

    /** The file itself if it exists, or, for a name with {@code *}, the files it matches, in name order. */
    private static List<Path> matching(Path candidate) {
        String name = candidate.getFileName().toString();
        if (!name.contains("*")) {
            return Files.exists(candidate) ? List.of(candidate) : List.of();
        }
        Path dir = candidate.getParent();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, name)) {
            found.forEach(files::add);
        } catch (IOException e) {
            return List.of();
        }
        return files.stream().sorted().toList();
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file" + (missing.getFile() != null && Files.isSymbolicLink(Path.of(missing.getFile()))
                    ? " (a link to a file gone)" : "");
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
