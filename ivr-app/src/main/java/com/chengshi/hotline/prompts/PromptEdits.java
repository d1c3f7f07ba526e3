package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.WavFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an admin changes in the console's Prompts page: a text, written into the catalogue file only when the check
 * the live reload runs takes the edited catalogue; a recording, made telephone audio and put where recordings go;
 * back to the synthetic voice. The running library takes each change from the file, as any edit by hand. Every change
 * is kept in {@code prompt_edit} with who made it.
 */
@Component
public class PromptEdits {

    private static final Logger log = LoggerFactory.getLogger(PromptEdits.class);
    /** The audit's columns are this long. */
    static final int MAX_TEXT = 1024;
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,5})$");

    /** A change refused, and why, in the words of the check that refused it. */
    public static final class RefusedException extends Exception {
        private final List<String> reasons;

        RefusedException(String reason) {
            this(List.of(reason));
        }

        RefusedException(List<String> reasons) {
            super(String.join("; ", reasons));
            this.reasons = List.copyOf(reasons);
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    enum Change { TEXT, RECORDING, SYNTHETIC }

    /** One line of the audit. */
    public record Edit(String promptId, String language, String change, String oldText, String newText, String by,
                       Instant at) {
    }

    /**
     * One prompt in one language as the page shows it: the text in the file (null when it has none in the language),
     * what calls hear instead while the file is rejected (null when the same), the check's problems with it, its
     * recording if it has one, and its audio.
     */
    public record Text(String id, String language, String text, String heard, List<String> problems,
                       Optional<String> recording, Audio audio) {
        public String anchor() {
            return id + "-" + language;
        }
    }

    /** The audio file the page plays for a prompt (for a {seat} prompt, which form), or why there is none. */
    public record Audio(Optional<Path> file, String form, String missing) {
    }

    /** The page: every prompt in every language, the problems that belong to no one prompt, what calls play. */
    public record Page(List<List<Text>> prompts, List<String> otherProblems, Optional<String> serving) {
    }

    private final PromptLibrary library;
    private final PromptsProperties.Prompts settings;
    private final RecordingUpload upload;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PromptEdits(PromptLibrary library, PromptsProperties properties, JdbcClient jdbc,
                PlatformTransactionManager transactions, Clock clock) {
        this.library = library;
        this.settings = properties.prompts();
        this.upload = new RecordingUpload(RecordingUpload.CONVERTERS, settings.conversionTimeout(),
                settings.levelDbfs());
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The converter this host has for formats other than WAV, or what to install. */
    public String converter() {
        return upload.converter().map(c -> "other formats are converted with " + c)
                .orElse("only WAV: install ffmpeg or sox to take mp3, ogg, flac or m4a (" + RecordingUpload.HOW_TO_INSTALL + ")");
    }

    public Page page() {
        Catalogue playing = library.catalogue();
        Catalogue inFile = inFile().orElse(playing);
        PromptLibrary.Status status = library.status();
        List<String> problems = status.rejectedEdit().stream().map(this::withoutPath).toList();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>(inFile.ids());
        ids.addAll(playing.ids());
        List<List<Text>> prompts = new ArrayList<>();
        for (String id : ids) {
            List<Text> texts = new ArrayList<>();
            for (String language : settings.languages()) {
                List<String> own = problems.stream().filter(p -> concerns(p, id, language)).toList();
                placed.addAll(own);
                String text = inFile.text(id, language).orElse(null);
                String heard = playing.text(id, language).filter(t -> !t.equals(text)).orElse(null);
                texts.add(new Text(id, language, text, heard, own.stream().map(p -> ownWords(p, id, language)).toList(),
                        recording(id, language).map(this::shown), audio(id, language, status.missingAudio())));
            }
            prompts.add(texts);
        }
        return new Page(prompts, problems.stream().filter(p -> !placed.contains(p)).toList(), status.serving());
    }

    /** The audio the page plays: a {seat} prompt's for the lowest seat that has one made, else its seat-less form. */
    public Audio audio(String id, String language) {
        return audio(id, language, library.status().missingAudio());
    }

    private Audio audio(String id, String language, Map<String, String> missingAudio) {
        Catalogue playing = library.catalogue();
        Optional<String> text = playing.text(id, language);
        if (text.isEmpty()) {
            return new Audio(Optional.empty(), "", "calls do not play " + id + " in " + language + " yet");
        }
        if (!Placeholders.hasSeat(text.get())) {
            return made(id, language, library.audioFile(id, language, 0), "", missingAudio);
        }
        for (int seat : library.seats()) {
            Path file = library.audioFile(id, language, seat);
            if (Files.isRegularFile(file)) {
                return made(id, language, file, "seat " + seat, missingAudio);
            }
        }
        String seatless = id + CatalogueCheck.NO_SEAT_SUFFIX;
        if (playing.text(seatless, language).isEmpty()) {
            return new Audio(Optional.empty(), "", "no seat has its audio made yet, and there is no " + seatless);
        }
        return made(seatless, language, library.audioFile(seatless, language, 0), "as " + seatless, missingAudio);
    }

    private static Audio made(String id, String language, Path file, String form, Map<String, String> missingAudio) {
        if (Files.isRegularFile(file)) {
            return new Audio(Optional.of(file), form, "");
        }
        String reason = missingAudio.get(language + "/" + file.getFileName().toString()
                .replaceFirst("\\.wav$", ""));
        return new Audio(Optional.empty(), form, "no audio made for " + language + "/" + id + " yet"
                + (reason == null ? " (it is made in the background after each change)" : ": " + reason));
    }

    /** The latest changes, newest first. */
    public List<Edit> latest(int limit) {
        return jdbc.sql("select prompt_id, language, change, old_text, new_text, edited_by, edited_at from prompt_edit"
                        + " order by edited_at desc, id desc limit ?").param(limit)
                .query((rs, n) -> new Edit(rs.getString("prompt_id"), rs.getString("language"), rs.getString("change"),
                        rs.getString("old_text"), rs.getString("new_text"), rs.getString("edited_by"),
                        rs.getTimestamp("edited_at").toInstant())).list();
    }

    /**
     * Writes {@code text} for the prompt into the catalogue file, if the catalogue with it passes the check; the
     * file is replaced in one step and read back. Line breaks in the text become spaces.
     *
     * @return what was done, for the page
     */
    public synchronized String edit(String id, String language, String text, String by) throws RefusedException {
        knownLanguage(id, language);
        String wanted = LINE_BREAKS.matcher(text == null ? "" : text.strip()).replaceAll(" ");
        if (wanted.isEmpty()) {
            throw new RefusedException(id + " [" + language + "]: the text is empty");
        }
        if (wanted.length() > MAX_TEXT) {
            throw new RefusedException(id + " [" + language + "]: " + wanted.length()
                    + " characters; a prompt has at most " + MAX_TEXT);
        }
        Path file = library.catalogueFile();
        String before = read(file);
        Optional<Catalogue> old = parsed(before);
        String oldText = old.flatMap(c -> c.text(id, language)).orElse(null);
        if (wanted.equals(oldText)) {
            return id + " [" + language + "]: unchanged";
        }
        String candidate;
        try {
            candidate = CatalogueLines.withText(before, id, language, wanted);
        } catch (CatalogueLines.CannotEditException e) {
            throw new RefusedException(e.getMessage());
        }
        verify(candidate, old, id, language, wanted);
        Path temp = null;
        try {
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(candidate.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            CatalogueCheck.Result checked = library.check(temp);
            if (!checked.ok()) {
                String tempName = temp.toString();
                throw new RefusedException(checked.problems().stream()
                        .map(p -> withoutPath(p.replace(tempName, file.toString()))).toList());
            }
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its defaults apply.
            }
            Path written = temp;
            audited(id, language, Change.TEXT, oldText, wanted, by, () -> {
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(before)) {
                    throw new IOException("the file changed while the edit was checked; try again");
                }
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            });
        } catch (IOException e) {
            throw new RefusedException("cannot write " + file + ": " + e.getMessage());
        } finally {
            deleteQuietly(temp);
        }
        if (parsed(read(file)).flatMap(c -> c.text(id, language)).filter(wanted::equals).isEmpty()) {
            throw new RefusedException("the catalogue file does not read back with the new text; look at " + file);
        }
        log.info("Prompt {} [{}] edited in the console by {}", id, language, by);
        return id + " [" + language + "] saved; calls hear it once the catalogue is reloaded (within "
                + reloadInterval() + ") and its audio is made";
    }

    /** Makes the upload telephone audio and puts it where the prompt's recording goes, replacing the old one. */
    public synchronized String record(String id, String language, InputStream content, String name, String by)
            throws RefusedException {
        knownPrompt(id, language);
        String shownName = name == null || name.isBlank() ? "the upload" : Path.of(name).getFileName().toString();
        if (shownName.length() > 200) {
            shownName = shownName.substring(0, 200);
        }
        Path target = recordingFile(id, language);
        Path dir = null;
        Path temp = null;
        try {
            dir = Files.createTempDirectory("prompt-upload-");
            var extension = EXTENSION.matcher(shownName);
            Path uploaded = dir.resolve("upload" + (extension.find() ? "." + extension.group(1).toLowerCase(Locale.ROOT) : ""));
            Files.copy(content, uploaded);
            if (Files.size(uploaded) == 0) {
                throw new RefusedException(shownName + ": the file is empty; choose a recording to upload");
            }
            RecordingUpload.Made made = upload.telephone(uploaded, shownName);
            temp = WavFiles.newReadableFile(target.getParent(), "." + id + "-", ".tmp");
            WavFiles.writeTelephone(made.telephone(), temp);
            String old = Files.isRegularFile(target) ? "recording " + shown(target) : "synthetic voice";
            Path written = temp;
            audited(id, language, Change.RECORDING, old, made.from(), by, () -> Files.move(written, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
            log.info("Prompt {} [{}] recorded in the console by {}: {}", id, language, by, made.from());
            return id + " [" + language + "]: recorded, " + made.from() + "; calls hear it within "
                    + reloadInterval();
        } catch (IOException e) {
            throw new RefusedException("cannot store the recording in " + target + ": " + e.getMessage());
        } finally {
            deleteQuietly(temp);
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(PromptEdits::deleteQuietly);
                } catch (IOException e) {
                    log.warn("Could not delete the upload in {}: {}", dir, e.getMessage());
                }
            }
        }
    }

    /** Deletes the prompt's recording, so that calls hear the language's voice again. */
    public synchronized String backToSynthetic(String id, String language, String by) throws RefusedException {
        knownLanguage(id, language);
        Path target = recordingFile(id, language);
        if (!Files.isRegularFile(target)) {
            throw new RefusedException(id + " [" + language + "] has no recording (" + shown(target) + ")");
        }
        try {
            audited(id, language, Change.SYNTHETIC, "recording " + shown(target), "synthetic voice", by,
                    () -> Files.delete(target));
        } catch (IOException e) {
            throw new RefusedException("cannot delete " + target + ": " + e.getMessage());
        }
        log.info("Prompt {} [{}] back to the synthetic voice in the console by {}", id, language, by);
        return id + " [" + language + "]: back to the synthetic voice within " + reloadInterval();
    }

    private String reloadInterval() {
        long ms = settings.reloadInterval().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** The recording an admin put for the prompt, the one this page replaces and deletes. */
    Optional<Path> recording(String id, String language) {
        Path file = recordingFile(id, language);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private Path recordingFile(String id, String language) {
        return library.recordings().dir().resolve(language).resolve(id + ".wav");
    }

    private interface FileChange {
        void run() throws IOException;
    }

    /** The change and its audit line together: a change that fails leaves no line, and one not audited is undone. */
    private void audited(String id, String language, Change change, String oldText, String newText, String by,
                         FileChange fileChange) throws IOException {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("insert into prompt_edit (prompt_id, language, change, old_text, new_text, edited_by, edited_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?)")
                        .params(id, language, change.name(), oldText, newText, by, Timestamp.from(clock.instant()))
                        .update();
                try {
                    fileChange.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void knownLanguage(String id, String language) throws RefusedException {
        if (!CatalogueCheck.SAFE_ID.matcher(id).matches()) {
            throw new RefusedException("'" + id + "' is not a prompt id");
        }
        if (!settings.languages().contains(language)) {
            throw new RefusedException("'" + language + "' is not a language of the hotline (" + settings.languages()
                    + ")");
        }
    }

    private void knownPrompt(String id, String language) throws RefusedException {
        knownLanguage(id, language);
        if (!library.catalogue().ids().contains(id) && inFile().map(c -> !c.ids().contains(id)).orElse(true)) {
            throw new RefusedException("no prompt '" + id + "' in the catalogue");
        }
    }

    /** The new catalogue has the new text, and every other text as it was. */
    private static void verify(String candidate, Optional<Catalogue> old, String id, String language, String wanted)
            throws RefusedException {
        Optional<Catalogue> edited = parsed(candidate);
        boolean same = edited.flatMap(c -> c.text(id, language)).filter(wanted::equals).isPresent()
                && old.map(before -> othersUnchanged(before, edited.get(), id, language)).orElse(true);
        if (!same) {
            throw new RefusedException(id + " [" + language + "]: the catalogue's layout around this entry is not"
                    + " one the console can edit safely; edit the file by hand");
        }
    }

    private static boolean othersUnchanged(Catalogue before, Catalogue after, String id, String language) {
        if (!before.ids().equals(after.ids())) {
            return false;
        }
        for (Map.Entry<String, Map<String, String>> prompt : before.texts().entrySet()) {
            for (Map.Entry<String, String> text : prompt.getValue().entrySet()) {
                boolean edited = prompt.getKey().equals(id) && text.getKey().equals(language);
                if (!edited && !after.text(prompt.getKey(), text.getKey()).filter(text.getValue()::equals).isPresent()) {
                    return false;
                }
            }
        }
        return true;
    }

    private Optional<Catalogue> inFile() {
        try {
            return parsed(read(library.catalogueFile()));
        } catch (RefusedException e) {
            return Optional.empty();
        }
    }

    private static Optional<Catalogue> parsed(String yaml) {
        try {
            return Optional.of(Catalogue.parse(yaml));
        } catch (Catalogue.InvalidException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) throws RefusedException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RefusedException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A problem as the page says it: without the catalogue's path, which is the same for all. */
    private String withoutPath(String problem) {
        String prefix = library.catalogueFile() + ": ";
        return problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
    }

    /** Whether a problem is about this prompt in this language ("greeting [en-US]: ...", "greeting: missing in en-US"). */
    private static boolean concerns(String problem, String id, String language) {
        return problem.startsWith(id + " [" + language + "]") || problem.startsWith(id + ": missing in " + language + " ");
    }

    private static String ownWords(String problem, String id, String language) {
        String about = id + " [" + language + "]: ";
        return problem.startsWith(about) ? problem.substring(about.length()) : problem.substring(id.length() + 2);
    }

    /** A recording's path as the admin knows it: beside the catalogue. */
    private String shown(Path recording) {
        Path base = library.catalogueFile().getParent();
        return recording.startsWith(base) ? base.getFileName() + "/" + base.relativize(recording) : recording.toString();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete {}: {}", file, e.getMessage());
            }
        }
    }
}
