package com.chengshi.hotline.prompts;

import com.chengshi.hotline.CannotStartException;
import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.flow.FlowPrompts;
import com.chengshi.hotline.flow.NumbersInPrompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The prompts as the calls use them: the current catalogue's texts and the audio files Asterisk plays. A valid edit
 * of the catalogue or the recordings is taken for the next prompt played and a broken one is reported and ignored, so
 * calls always play the last good catalogue. Each catalogue taken is kept on disk as the last good one, so that a
 * start over a broken catalogue starts on it instead (a broken edit made while the app ran, or while it was down);
 * only with no last good copy does a broken catalogue stop the start.
 */
public class PromptLibrary implements AutoCloseable, NumbersInPrompts {

    private static final Logger log = LoggerFactory.getLogger(PromptLibrary.class);
    /** Long enough for the prompt being synthesised when the library closes to finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** Where numbers read out on calls are written, one file per playing. */
    static final String SAID_DIR = "said";
    /** Between the digits of a group, and between groups: the short pauses of a number read out by a person. */
    private static final int DIGIT_GAP_MS = 60;
    private static final int GROUP_GAP_MS = 300;

    /**
     * How the catalogue stands, for the health endpoint. {@code serving} says which catalogue calls play when the one
     * on disk is rejected; {@code lastGoodNotKept} why the last good copy could not be written, if it could not.
     */
    public record Status(Path catalogue, int prompts, List<String> languages, String defaultLanguage,
                         List<String> rejectedEdit, Optional<String> serving, Optional<String> lastGoodNotKept,
                         Map<String, String> missingAudio, Optional<String> asteriskCannotRead) {
    }

    private final PromptsProperties.Prompts settings;
    private final Path catalogueFile;
    private final Path lastGoodFile;
    private final Placeholders placeholders;
    private final CatalogueCheck check;
    private final PromptRenderer renderer;
    private final Recordings recordings;
    /** Seats configured or seen on a call: their {seat} prompts are re-rendered on every catalogue change. */
    private final Set<Integer> seats = ConcurrentHashMap.newKeySet();
    /** Files a call found not yet made, each logged once. */
    private final Set<String> notReadyNoted = ConcurrentHashMap.newKeySet();
    /** Recordings that match no prompt id, each logged once. */
    private final Set<String> strayNoted = ConcurrentHashMap.newKeySet();
    private volatile Catalogue catalogue;
    /** The text of the catalogue calls play, for the last good copy. */
    private volatile String catalogueText;
    /** When the app started on the last good copy: since when it was saved, until an edit is taken. */
    private volatile Optional<FileTime> startedOnLastGoodSaved = Optional.empty();
    private volatile Optional<String> lastGoodNotKept = Optional.empty();
    private volatile String fingerprint;
    private volatile List<String> rejectedEdit = List.of();
    private volatile Map<String, String> missingAudio = Map.of();
    private ScheduledExecutorService worker;

    /** For the flow's own prompts only, as tests of the library want it. */
    PromptLibrary(PromptsProperties properties, PromptRenderer renderer) {
        this(properties, FlowPrompts.builtIn(), renderer);
    }

    /** The app's: the catalogue must have what the configured flow plays ({@code flow}). */
    PromptLibrary(PromptsProperties properties, FlowPrompts flow, PromptRenderer renderer) {
        this(properties, renderer, CatalogueCheck.from(properties, flow, renderer.engines()));
    }

    /** With the check of a caller that has just run it ({@code checked}), so that it is not run twice. */
    PromptLibrary(PromptsProperties properties, FlowPrompts flow, PromptRenderer renderer,
                  CatalogueCheck.Result checked) {
        this(properties, renderer, CatalogueCheck.from(properties, flow, renderer.engines()), checked);
    }

    private PromptLibrary(PromptsProperties properties, PromptRenderer renderer, CatalogueCheck check) {
        this(properties, renderer, check, check.check(properties.prompts().catalogue().toAbsolutePath()));
    }

    private PromptLibrary(PromptsProperties properties, PromptRenderer renderer, CatalogueCheck check,
                          CatalogueCheck.Result result) {
        this.settings = properties.prompts();
        this.catalogueFile = settings.catalogue().toAbsolutePath();
        this.lastGoodFile = settings.lastGoodCatalogue().toAbsolutePath();
        this.placeholders = properties.placeholders();
        this.check = check;
        this.renderer = renderer;
        this.recordings = Recordings.beside(catalogueFile);
        this.seats.addAll(settings.seats());
        this.fingerprint = fingerprint();
        noteStrayRecordings(result);
        if (result.ok()) {
            this.catalogue = result.catalogue();
            this.catalogueText = result.text();
            log.info("Prompt catalogue {}: {} prompts in {}", catalogueFile, catalogue.ids().size(),
                    settings.languages());
        } else {
            CatalogueCheck.Result lastGood = lastGoodInstead(result);
            this.catalogue = lastGood.catalogue();
            this.catalogueText = lastGood.text();
            this.rejectedEdit = result.problems();
            this.startedOnLastGoodSaved = Optional.of(savedAt(lastGoodFile));
            log.warn("Prompt catalogue {} rejected, started on the last good one, {} (saved {}): {}", catalogueFile,
                    lastGoodFile, startedOnLastGoodSaved.get(), String.join(" | ", result.problems()));
        }
        // First of all, as `prompts render` does too: an Asterisk started meanwhile finds its hold music class.
        try {
            Tones.install(settings.soundDir());
        } catch (IOException e) {
            log.warn("Could not write the beep and hold music into {}: {}", settings.soundDir(), e.getMessage());
        }
    }

    /** The last good copy, checked as the catalogue is; the reason the start fails when there is none to take. */
    private CatalogueCheck.Result lastGoodInstead(CatalogueCheck.Result rejected) {
        String broken = "The prompt catalogue is broken: " + rejected.problems().get(0)
                + (rejected.problems().size() > 1 ? " (and " + (rejected.problems().size() - 1) + " more)" : "");
        String fix = "Fix " + catalogueFile + " and start again; `prompts check` lists every problem";
        if (!Files.isRegularFile(lastGoodFile)) {
            throw new CannotStartException(broken + ", and there is no last good copy to start on (" + lastGoodFile
                    + ")", fix);
        }
        CatalogueCheck.Result lastGood = check.check(lastGoodFile);
        if (!lastGood.ok()) {
            throw new CannotStartException(broken + ", and the last good copy is no longer good either: "
                    + lastGood.problems().get(0), fix);
        }
        return lastGood;
    }

    private static FileTime savedAt(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the catalogue calls play as the last good one, replacing the old copy in one step (a crash leaves the old
     * or the new copy, never half of one), and forced to disk, for it is what a start after a power cut falls back on.
     */
    private void keepAsLastGood() {
        String text = catalogueText;
        try {
            if (Files.isRegularFile(lastGoodFile)
                    && Files.readString(lastGoodFile, StandardCharsets.UTF_8).equals(text)) {
                lastGoodNotKept = Optional.empty();
                return;
            }
            Files.createDirectories(lastGoodFile.getParent());
            Path temp = Files.createTempFile(lastGoodFile.getParent(), lastGoodFile.getFileName().toString(), ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                Files.move(temp, lastGoodFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            lastGoodNotKept = Optional.empty();
        } catch (IOException e) {
            lastGoodNotKept = Optional.of(lastGoodFile + ": " + e);
            log.warn("Could not keep the last good prompt catalogue in {}: {}", lastGoodFile, e.toString());
        }
    }

    /**
     * Keeps the catalogue as the last good one, renders what is missing in the background, then watches the
     * catalogue and the recordings for edits.
     */
    public void start() {
        keepAsLastGood();
        forgetNumbersSaid();
        AsteriskAccess.problem(settings.soundDir(), settings.asteriskUser()).ifPresent(log::warn);
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "prompts");
            thread.setDaemon(true);
            return thread;
        });
        worker.execute(this::renderAll);
        long interval = settings.reloadInterval().toMillis();
        worker.scheduleWithFixedDelay(this::reloadSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A number left from a call cut off before it was deleted (a crash): no caller's number stays on disk. */
    private void forgetNumbersSaid() {
        for (String language : settings.languages()) {
            Path said = settings.soundDir().resolve(language).resolve(SAID_DIR);
            if (Files.isDirectory(said)) {
                try (var files = Files.list(said)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    log.warn("Could not clear the numbers said in {}: {}", said, e.getMessage());
                }
            }
        }
    }

    /** A periodic task that throws is never run again, so the watcher must not throw. */
    private void reloadSafely() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            log.warn("Prompt catalogue reload failed, still playing the last good one: {}", e.toString());
        }
    }

    /**
     * Stops the background render and waits for it, so that nothing writes into the sound dir after the library is
     * closed (a test's temporary directory, or a sound dir an admin is about to move).
     */
    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.shutdownNow();
                if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("The prompt render was still running {} after the library closed", CLOSE_WAIT);
                }
            }
            renderer.close(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The file Asterisk should play for this prompt (absolute path WITHOUT the .wav extension, as STREAM FILE wants);
     * empty if no audio exists in that language (then the caller tries another language). seat is used only by
     * prompts containing {seat}. A caller never waits longer than {@code hotline.prompts.call-wait} for synthesis
     * (a seat not seen before, an edit just made) when there is something else to say: past that, the prompt's
     * previous audio plays, or for a {seat} prompt its seat-less form, while the new file is made for the next call.
     * With nothing else (a first start), the call waits for it, at most {@code synthesis-timeout}.
     */
    public Optional<String> playable(String promptId, String language, int seat) {
        Optional<String> text = catalogue.text(promptId, language);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        PromptRenderer.Job job = PromptRenderer.job(catalogue, placeholders, language, promptId, seat, text.get());
        if (job.perSeat() && seats.add(seat)) {
            renderSeatInBackground(seat);
        }
        Optional<PromptRenderer.Outcome> outcome = renderer.renderWithin(job, settings.callWait());
        if (outcome.isPresent()) {
            if (outcome.get().kind() == PromptRenderer.Kind.MISSING) {
                log.debug("No audio for {}/{}: {}", language, job.fileName(), outcome.get().missingReason());
                return Optional.empty();
            }
            return Optional.of(withoutExtension(outcome.get().file()));
        }
        if (renderer.hasAudio(job)) {
            noteNotReady(job, "its previous audio");
            return Optional.of(withoutExtension(renderer.target(job)));
        }
        if (job.perSeat()) {
            noteNotReady(job, promptId + CatalogueCheck.NO_SEAT_SUFFIX);
            return playable(promptId + CatalogueCheck.NO_SEAT_SUFFIX, language, seat);
        }
        // Nothing else to say instead (a first start with an empty sound dir): wait for it, as long as an engine may
        // take before it is killed.
        noteNotReady(job, "it once it is made");
        outcome = renderer.renderWithin(job, settings.synthesisTimeout());
        return outcome.filter(o -> o.kind() != PromptRenderer.Kind.MISSING).map(o -> withoutExtension(o.file()));
    }

    /**
     * A phone number read out in the call's language by the hotline's own voice: the catalogue's digits in the groups
     * the number is said in. The file (path without .wav) is made for one playing: delete it afterwards, so that no
     * caller's number stays on disk. Empty when the language has no audio for a digit.
     */
    public Optional<String> numberAudio(String number, String language) {
        List<String> said = placeholders.numbers().groups(number);
        // Digits not made yet are made side by side, so that the caller waits for them once, not once per digit.
        for (char c : String.join("", said).chars().distinct().mapToObj(d -> (char) d).toList()) {
            String id = SpokenNumbers.digitId(c);
            catalogue.text(id, language).ifPresent(text -> renderer.renderWithin(
                    PromptRenderer.job(catalogue, placeholders, language, id, 0, text), Duration.ZERO));
        }
        List<List<AudioClip>> groups = new ArrayList<>();
        try {
            for (String group : said) {
                List<AudioClip> digits = new ArrayList<>();
                for (char c : group.toCharArray()) {
                    Optional<String> digit = playable(SpokenNumbers.digitId(c), language, 0);
                    if (digit.isEmpty()) {
                        return Optional.empty();
                    }
                    digits.add(WavFiles.read(Path.of(digit.get() + ".wav")).trimmedToSpeech());
                }
                groups.add(digits);
            }
            if (groups.isEmpty()) {
                return Optional.empty();
            }
            Path file = WavFiles.newReadableFile(settings.soundDir().toAbsolutePath().resolve(language)
                    .resolve(SAID_DIR), "number-", ".wav");
            WavFiles.writeTelephone(AudioClip.joined(groups, TelephoneFormat.SAMPLE_RATE, DIGIT_GAP_MS,
                    GROUP_GAP_MS), file);
            return Optional.of(withoutExtension(file));
        } catch (IOException e) {
            log.warn("Cannot read out a number in {}: {}", language, e.getMessage());
            return Optional.empty();
        }
    }

    /** A seat seen for the first time: all its {seat} prompts, not only the one its first call plays. */
    private void renderSeatInBackground(int seat) {
        try {
            if (worker != null) {
                worker.execute(() -> jobs().stream().filter(j -> j.perSeat() && j.seat() == seat)
                        .forEach(renderer::render));
            }
        } catch (RejectedExecutionException e) {
            // The library is closing: nothing more is rendered.
        }
    }

    /** The recording beep the app makes itself, as STREAM FILE names it, if it is in place. */
    public Optional<String> beep() {
        Path beep = settings.soundDir().toAbsolutePath().resolve(Tones.BEEP + ".wav");
        return Files.isRegularFile(beep) ? Optional.of(withoutExtension(beep)) : Optional.empty();
    }

    private void noteNotReady(PromptRenderer.Job job, String instead) {
        if (notReadyNoted.add(job.language() + "/" + job.fileName())) {
            log.info("{}/{} was not ready within {} ms; the call hears {}", job.language(), job.fileName(),
                    settings.callWait().toMillis(), instead);
        }
    }

    private static String withoutExtension(Path wav) {
        String file = wav.toString();
        return file.substring(0, file.length() - ".wav".length());
    }

    /** §11: whether the prompt, as the catalogue says it in the default language, reads out a phone number. */
    @Override
    public boolean readsOutANumber(String promptId) {
        return catalogue.text(promptId, settings.defaultLanguage()).map(Placeholders::readsOutAPhoneNumber)
                .orElse(false);
    }

    /**
     * The one language rule: the catalogue languages a call that asked for {@code requested} (e.g. "zh-CN", "en",
     * null) hears, best first: its own (the default one if it asked for none, or for one we lack), then the others in
     * the configured order, so that a prompt missing in one language still plays in another rather than not at all.
     */
    public List<String> languages(String requested) {
        String own = language(requested);
        return Stream.concat(Stream.of(own), settings.languages().stream().filter(l -> !l.equals(own))).toList();
    }

    private String language(String requested) {
        if (requested == null || requested.isBlank()) {
            return settings.defaultLanguage();
        }
        String tag = requested.strip().replace('_', '-');
        String primary = tag.split("-")[0];
        return settings.languages().stream().filter(l -> l.equalsIgnoreCase(tag)).findFirst()
                .or(() -> settings.languages().stream()
                        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(primary.toLowerCase(Locale.ROOT) + "-"))
                        .findFirst())
                .orElse(settings.defaultLanguage());
    }

    /** The prompt's text after placeholders, for transcripts and the call log. */
    public String text(String promptId, String language, int seat) {
        String raw = catalogue.text(promptId, language).orElseThrow(() -> new IllegalArgumentException(
                "no prompt '" + promptId + "' in " + language + " in " + catalogueFile));
        return placeholders.fill(raw, language, seat);
    }

    /** The catalogue calls play now: the file's, or the last good one while an edit on disk is rejected. */
    Catalogue catalogue() {
        return catalogue;
    }

    Path catalogueFile() {
        return catalogueFile;
    }

    Recordings recordings() {
        return recordings;
    }

    /** The check every edit of the catalogue goes through, the live reload's own. */
    CatalogueCheck.Result check(Path candidate) {
        return check.check(candidate);
    }

    /** The seats whose {seat} prompts have audio made: those configured and those seen on a call. */
    Set<Integer> seats() {
        return new TreeSet<>(seats);
    }

    /** Where the audio calls hear for this prompt is (for a {seat} prompt, that seat's), made yet or not. */
    Path audioFile(String promptId, String language, int seat) {
        String text = catalogue.text(promptId, language).orElseThrow(() -> new IllegalArgumentException(
                "no prompt '" + promptId + "' in " + language));
        return renderer.target(PromptRenderer.job(catalogue, placeholders, language, promptId, seat, text));
    }

    public Status status() {
        return new Status(catalogueFile, catalogue.ids().size(), settings.languages(), settings.defaultLanguage(),
                rejectedEdit, serving(), lastGoodNotKept, missingAudio,
                AsteriskAccess.problem(settings.soundDir(), settings.asteriskUser()));
    }

    /** While the catalogue on disk is rejected: what calls play instead, and what the next start would. */
    private Optional<String> serving() {
        if (rejectedEdit.isEmpty()) {
            return Optional.empty();
        }
        Optional<FileTime> started = startedOnLastGoodSaved;
        if (started.isPresent()) {
            return Optional.of("rejected edit on disk; started on the last good catalogue, " + lastGoodFile
                    + " (saved " + started.get() + ")");
        }
        return Optional.of("rejected edit on disk; calls play the last good catalogue" + (lastGoodNotKept.isEmpty()
                ? ", kept in " + lastGoodFile + " for the next start"
                : ", which could not be kept for the next start: " + lastGoodNotKept.get()));
    }

    /** Takes an edit of the catalogue or the recordings if it passes the check; true when a new one was taken. */
    boolean reloadIfChanged() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        CatalogueCheck.Result result = check.check(catalogueFile);
        noteStrayRecordings(result);
        if (!result.ok()) {
            rejectedEdit = result.problems();
            log.warn("Prompt catalogue edit rejected, still playing the last good one: {}",
                    String.join(" | ", result.problems()));
            return false;
        }
        catalogue = result.catalogue();
        catalogueText = result.text();
        rejectedEdit = List.of();
        startedOnLastGoodSaved = Optional.empty();
        log.info("Prompt catalogue reloaded: {} prompts", catalogue.ids().size());
        keepAsLastGood();
        renderAll();
        return true;
    }

    /** How a render of the whole catalogue went: files per kind, and why the missing ones are missing. */
    record RenderSummary(Map<PromptRenderer.Kind, Integer> counts, Map<String, String> missing) {
        int count(PromptRenderer.Kind kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    private void noteStrayRecordings(CatalogueCheck.Result result) {
        result.strayRecordings().stream().filter(strayNoted::add)
                .forEach(stray -> log.warn("Stray recording {}", stray));
    }

    /** Every file the current catalogue needs, for the languages and the known seats. */
    List<PromptRenderer.Job> jobs() {
        return PromptRenderer.jobs(catalogue, settings.languages(), placeholders, new TreeSet<>(seats));
    }

    void addSeats(Collection<Integer> more) {
        seats.addAll(more);
    }

    RenderSummary render(List<PromptRenderer.Job> jobs, Consumer<PromptRenderer.Outcome> progress) {
        Map<PromptRenderer.Kind, Integer> counts = new EnumMap<>(PromptRenderer.Kind.class);
        Map<String, String> missing = new LinkedHashMap<>();
        for (PromptRenderer.Job job : jobs) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            PromptRenderer.Outcome outcome = renderer.render(job);
            counts.merge(outcome.kind(), 1, Integer::sum);
            if (outcome.kind() == PromptRenderer.Kind.MISSING) {
                missing.put(job.language() + "/" + job.fileName(), outcome.missingReason());
            }
            progress.accept(outcome);
        }
        missingAudio = Map.copyOf(missing);
        return new RenderSummary(counts, missing);
    }

    /** Renders every prompt of the current catalogue ahead of the calls. */
    RenderSummary renderAll() {
        RenderSummary summary = render(jobs(), outcome -> { });
        log.info("Prompt audio ready in {}: {}", settings.soundDir(), summary.counts());
        summary.missing().forEach((prompt, reason) -> log.warn("No audio for {}: {}", prompt, reason));
        return summary;
    }

    /** Changes whenever the catalogue's content or any recording changes; the catalogue is small enough to keep. */
    private String fingerprint() {
        try {
            StringBuilder state = new StringBuilder(Files.isRegularFile(catalogueFile)
                    ? Files.readString(catalogueFile, StandardCharsets.UTF_8) : "");
            for (Path wav : recordings.all(settings.languages())) {
                state.append('\n').append(wav).append(':').append(Files.size(wav)).append(':')
                        .append(Files.getLastModifiedTime(wav).toMillis());
            }
            return state.toString();
        } catch (IOException | UncheckedIOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
