package com.chengshi.hotline.prompts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    PromptRenderer(Path soundDir, Map<String, TtsEngine> engines, Recordings recordings, double levelDbfs) {
        this.soundDir = soundDir.toAbsolutePath();
        this.engines = Map.copyOf(engines);
        this.recordings = recordings;
        this.levelDbfs = levelDbfs;
    }

    /** FreeTTS for English; a configured command for any language that has one (overriding FreeTTS). */
    static PromptRenderer from(PromptsProperties properties) {
        PromptsProperties.Prompts prompts = properties.prompts();
        FreeTtsEngine freeTts = new FreeTtsEngine();
        Map<String, TtsEngine> engines = new HashMap<>();
        for (String language : prompts.languages()) {
            List<String> command = prompts.commands() == null ? null : prompts.commands().get(language);
            if (command != null && !command.isEmpty()) {
                engines.put(language, new CommandTtsEngine(command));
            } else if (language.startsWith("en")) {
                engines.put(language, freeTts);
            }
        }
        return new PromptRenderer(prompts.soundDir(), engines, Recordings.beside(prompts.catalogue()),
                prompts.levelDbfs());
    }

    /** Every prompt in every language, with one file per seat for {seat} prompts. */
    static List<Job> jobs(Catalogue catalogue, List<String> languages, Placeholders placeholders,
                          Collection<Integer> seats) {
        return languages.stream().flatMap(language -> catalogue.ids().stream()
                .flatMap(id -> catalogue.text(id, language).stream()
                        .flatMap(text -> Placeholders.hasSeat(text)
                                ? seats.stream().sorted().map(seat -> job(placeholders, language, id, seat, text))
                                : Stream.of(job(placeholders, language, id, 0, text)))))
                .toList();
    }

    static Job job(Placeholders placeholders, String language, String id, int seat, String rawText) {
        return new Job(language, id, seat, Placeholders.hasSeat(rawText), placeholders.fill(rawText, language, seat));
    }

    Outcome render(Job job) {
        Path target = soundDir.resolve(job.language()).resolve(job.fileName() + ".wav");
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
            TtsEngine engine = engines.get(job.language());
            if (engine == null) {
                return missing(job, "no speech engine for " + job.language() + " (FreeTTS speaks English only)");
            }
            String key = cacheKey(engine, job.text());
            if (key.equals(installed.get(target))) {
                return new Outcome(job, Kind.CACHED, target, null);
            }
            Optional<String> unavailable = engine.unavailable();
            if (unavailable.isPresent()) {
                return missing(job, unavailable.get());
            }
            return synthesise(job, engine, key, target);
        } catch (IOException e) {
            log.warn("No audio for {}/{}: {}", job.language(), job.fileName(), e.getMessage());
            return missing(job, e.getMessage());
        }
    }

    /** Synchronized so that two calls needing the same new file do not both synthesise it. */
    private synchronized Outcome synthesise(Job job, TtsEngine engine, String key, Path target) throws IOException {
        Path cached = soundDir.resolve(".cache").resolve(key + ".wav");
        boolean fresh = !Files.isRegularFile(cached);
        if (fresh) {
            AudioClip speech = speak(engine, job.text());
            AudioClip telephone = SpeechLevel.levelled(Resampler.resample(speech, 8000), levelDbfs);
            Files.createDirectories(cached.getParent());
            Path temp = Files.createTempFile(cached.getParent(), key, ".tmp");
            WavFiles.writeTelephone(telephone, temp);
            Files.move(temp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.debug("Synthesised {}/{} with {}", job.language(), job.fileName(), engine.identity());
        }
        install(cached, target, key);
        return new Outcome(job, fresh ? Kind.RENDERED : Kind.CACHED, target, null);
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
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        installed.put(target, key);
    }

    private boolean playableRecording(Path recording) {
        try {
            Optional<String> problem = WavFiles.telephoneFormatProblem(recording);
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
                + " hotline.prompts.commands." + job.language() + " to a TTS command, or record "
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
