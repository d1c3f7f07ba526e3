package com.chengshi.hotline.prompts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a speech engine's program once, bounded in time. Its output and errors go to files rather than pipes, so a
 * program that hangs with a pipe open cannot hang us too: after {@code timeout} it is killed and the run fails.
 */
final class ExternalProgram {

    private ExternalProgram() {
    }

    /** Why {@code program} cannot be run here (not on PATH, not executable), or empty when it can. */
    static Optional<String> missing(String program) {
        boolean found = program.contains(File.separator)
                ? Files.isExecutable(Path.of(program))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
        return found ? Optional.empty() : Optional.of(program + " is not installed (not found on PATH)");
    }

    /** Runs {@code args} with {@code input} on its standard input and returns its standard output. */
    static byte[] run(List<String> args, String input, Duration timeout) throws IOException {
        Path stdin = Files.createTempFile("prompt-tts-", ".in");
        Path stdout = Files.createTempFile("prompt-tts-", ".out");
        Path stderr = Files.createTempFile("prompt-tts-", ".err");
        String program = args.get(0);
        try {
            Files.writeString(stdin, input == null ? "" : input, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(args).redirectInput(stdin.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + program, e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within " + timeout.toMillis() + " ms; killed");
            }
            if (process.exitValue() != 0) {
                throw new IOException(program + " exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
            return Files.readAllBytes(stdout);
        } finally {
            Files.deleteIfExists(stdin);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
