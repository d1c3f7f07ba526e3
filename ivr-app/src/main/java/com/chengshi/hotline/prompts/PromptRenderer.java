package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.Resampler;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Makes the file Asterisk plays for one prompt in one language: the admin's recording if there is one, else speech
 * from the language's engine, resampled to 8 kHz and levelled. Synthesis is cached by content under
 * {@code <sound-dir>/.cache/<hash>.wav} (hash of engine, settings and the filled-in text), so an unchanged prompt is
 * never synthesised twice; files are written under a temporary name and renamed, so a call never plays half a file.
 */
final class PromptRenderer {

    private static final Logger log = LoggerFactory.getLogger(PromptRenderer.class);
    /** Part of every cache key: change it when the pipeline's output changes, so old renders are not reused. */
    private static final String PIPELINE = "kaiser-sinc-85-80dB/p56-simplified/8000Hz-16bit-mono";

    enum Kind { RENDERED, CACHED, RECORDED, MISSING }

    /** One prompt in one language; {@code perSeat} prompts get one file per seat. */
    record Job(String language, String id, int seat, boolean perSeat, String text) {
        String fileName() {
            return perSeat ? id + "-seat" + seat : id;
        }
    }

    /** What became of a job: the file to play, or why there is none. */
    record Outcome(Job job, Kind kind, Path file, String missingReason) {
    }

    private final Path soundDir;
    private final Map<String, TtsEngine> engines;
    private final Recordings recordings;
    private final double levelDbfs;
    /** What each file in the sound dir holds, as installed by this renderer: the fast path of every play. */
    private final Map<Path, String> installed = new ConcurrentHashMap<>();
    /** The synthesis under way for each file: one at a time per file, and others needing it wait for that one. */
    private final Map<Path, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    /** Where calls hand a synthesis they will not wait for, so that it still ends and serves the next call. */
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "prompt-synthesis");
        thread.setDaemon(true);
        return thread;
    });

    PromptRenderer(Path soundDir, Map<String, TtsEngine> engines, Recordings recordings, double levelDbfs) {
        this.soundDir = soundDir.toAbsolutePath();
        this.engines = Map.copyOf(engines);
        this.recordings = recordings;
        this.levelDbfs = levelDbfs;
    }

    /** Each language's voice as configured. */
    static PromptRenderer from(PromptsProperties properties) {
        PromptsProperties.Prompts prompts = properties.prompts();
        return new PromptRenderer(prompts.soundDir(), SpeechEngines.from(prompts), Recordings.beside(prompts.catalogue()),
                prompts.levelDbfs());
    }

    Map<String, TtsEngine> engines() {
        return engines;
    }

    /** Every prompt in every language, with one file per seat for {seat} prompts. */
    static List<Job> jobs(Catalogue catalogue, List<String> languages, Placeholders placeholders,
                          Collection<Integer> seats) {
        return languages.stream().flatMap(language -> catalogue.ids().stream()
                .flatMap(id -> catalogue.text(id, language).stream()
                        .flatMap(text -> Placeholders.hasSeat(text)
                                ? seats.stream().sorted().map(seat -> job(catalogue, placeholders, language, id, seat, text))
                                : Stream.of(job(catalogue, placeholders, language, id, 0, text)))))
                .toList();
    }

    static Job job(Catalogue catalogue, Placeholders placeholders, String language, String id, int seat,
                   String rawText) {
        return new Job(language, id, seat, Placeholders.hasSeat(rawText),
                placeholders.speakable(catalogue, rawText, language, seat));
    }

    /** Renders the job on this thread, or waits for the thread already synthesising the same file. */
    Outcome render(Job job) {
        Outcome ready = withoutSynthesis(job);
        if (ready != null) {
            return ready;
        }
        return await(synthesis(job, Runnable::run), null).orElseGet(() -> missing(job, "interrupted"));
    }

    /**
     * For a caller waiting: the outcome if it is ready within {@code wait}; otherwise empty, and the synthesis goes on
     * in the background so that the file is there for the next call.
     */
    Optional<Outcome> renderWithin(Job job, Duration wait) {
        Outcome ready = withoutSynthesis(job);
        if (ready != null) {
            return Optional.of(ready);
        }
        return await(synthesis(job, background), wait);
    }

    /** The synthesis's outcome, waiting at most {@code wait} (null: as long as it takes); empty when not ready. */
    private static Optional<Outcome> await(CompletableFuture<Outcome> synthesis, Duration wait) {
        try {
            return Optional.of(wait == null ? synthesis.get() : synthesis.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a synthesis task completes normally", e);
        }
    }

    /** Whether a file of this job is in place, whatever text it was made from. */
    boolean hasAudio(Job job) {
        return Files.isRegularFile(target(job));
    }

    /** Waits for the synthesis handed to the background, so nothing writes into the sound dir afterwards. */
    void close(Duration wait) throws InterruptedException {
        background.shutdownNow();
        background.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The outcome when no synthesis is needed (a recording, a file in place, no engine), else null. */
    private Outcome withoutSynthesis(Job job) {
        Path target = target(job);
        Optional<Path> recording = recordings.find(job.language(), job.id(), job.seat(), job.perSeat())
                .filter(this::playableRecording);
        try {
            if (recording.isPresent()) {
                String key = "recorded:" + recording.get() + ":" + Files.size(recording.get()) + ":"
                        + Files.getLastModifiedTime(recording.get()).toMillis();
                if (!key.equals(installed.get(target))) {
                    install(recording.get(), target, key);
                }
                return new Outcome(job, Kind.RECORDED, target, null);
            }
        } catch (IOException e) {
            log.warn("No audio for {}/{}: {}", job.language(), job.fileName(), e.getMessage());
            return missing(job, e.getMessage());
        }
        TtsEngine engine = engines.get(job.language());
        if (engine == null) {
            return missing(job, "no voice for " + job.language() + " (hotline.prompts.voices." + job.language() + ")");
        }
        if (cacheKey(engine, job.text()).equals(installed.get(target))) {
            return new Outcome(job, Kind.CACHED, target, null);
        }
        Optional<String> unavailable = engine.unavailable();
        return unavailable.map(reason -> missing(job, reason)).orElse(null);
    }

    /** The file's synthesis: started on {@code executor} unless one is already under way for the same file. */
    private CompletableFuture<Outcome> synthesis(Job job, Executor executor) {
        Path target = target(job);
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(target, mine);
        if (running != null) {
            return running;
        }
        Runnable task = () -> {
            try {
                mine.complete(synthesise(job, target));
            } catch (IOException | RuntimeException e) {
                log.warn("No audio for {}/{}: {}", job.language(), job.fileName(), e.getMessage());
                mine.complete(missing(job, e.getMessage()));
            } finally {
                inFlight.remove(target, mine);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            inFlight.remove(target, mine);
            mine.complete(missing(job, "the prompt library is closing"));
        }
        return mine;
    }

    private Outcome synthesise(Job job, Path target) throws IOException {
        TtsEngine engine = engines.get(job.language());
        String key = cacheKey(engine, job.text());
        Path cached = soundDir.resolve(".cache").resolve(key + ".wav");
        boolean fresh = !Files.isRegularFile(cached);
        if (fresh) {
            AudioClip speech = speak(engine, job.text());
            AudioClip telephone = SpeechLevel.levelled(Resampler.resample(speech, TelephoneFormat.SAMPLE_RATE), levelDbfs);
            Path temp = WavFiles.newReadableFile(cached.getParent(), key, ".tmp");
            WavFiles.writeTelephone(telephone, temp);
            Files.move(temp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.debug("Synthesised {}/{} with {}", job.language(), job.fileName(), engine.identity());
        }
        install(cached, target, key);
        return new Outcome(job, fresh ? Kind.RENDERED : Kind.CACHED, target, null);
    }

    Path target(Job job) {
        return soundDir.resolve(job.language()).resolve(job.fileName() + ".wav");
    }

    /** A failure inside an engine library (FreeTTS throws unchecked) must cost one prompt, not the whole render. */
    private static AudioClip speak(TtsEngine engine, String text) throws IOException {
        try {
            return engine.speak(text);
        } catch (RuntimeException e) {
            throw new IOException(engine.identity() + " failed: " + e, e);
        }
    }

    private void install(Path source, Path target, String key) throws IOException {
        if (!Files.isRegularFile(target) || Files.mismatch(source, target) != -1) {
            Path temp = WavFiles.newReadableFile(target.getParent(), "." + target.getFileName(), ".tmp");
            // Written into the file made readable, not copied over it: a copy would take the umask's mode.
            Files.write(temp, Files.readAllBytes(source));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        installed.put(target, key);
    }

    private boolean playableRecording(Path recording) {
        try {
            Optional<String> problem = TelephoneFormat.problemWith(recording);
            // `prompts check` and the live reload report it; here it only must not reach a caller.
            problem.ifPresent(p -> log.debug("Ignoring recording {}: {}", recording, p));
            return problem.isEmpty();
        } catch (IOException e) {
            log.warn("Ignoring recording {}: {}", recording, e.getMessage());
            return false;
        }
    }

    private Outcome missing(Job job, String reason) {
        return new Outcome(job, Kind.MISSING, null, reason + "; to provide it, install the engine, set"
                + " hotline.prompts.voices." + job.language() + " to a voice, or record "
                + recordings.dir().resolve(job.language()).resolve(job.id() + ".wav") + " (8 kHz 16-bit mono WAV)");
    }

    private String cacheKey(TtsEngine engine, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(engine.identity(), PIPELINE, Double.toString(levelDbfs), text)) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
