package com.chengshi.hotline.prompts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An external synthesiser run once per prompt, e.g. {@code espeak-ng -v cmn -w {out} {text}}. In the arguments,
 * {@code {text}} becomes the prompt's text and {@code {out}} a temporary WAV file to read back; without {@code {out}}
 * the WAV is read from the program's standard output.
 */
final class CommandTtsEngine implements TtsEngine {

    private final List<String> command;

    CommandTtsEngine(List<String> command) {
        if (command.isEmpty() || command.stream().noneMatch(a -> a.contains("{text}"))) {
            throw new IllegalArgumentException("a TTS command needs a program and a {text} argument: " + command);
        }
        this.command = List.copyOf(command);
    }

    @Override
    public String identity() {
        return "command:" + String.join(" ", command);
    }

    @Override
    public Optional<String> unavailable() {
        String program = command.get(0);
        boolean found = program.contains(File.separator)
                ? Files.isExecutable(Path.of(program))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
        return found ? Optional.empty() : Optional.of(program + " is not installed (not found on PATH)");
    }

    @Override
    public AudioClip speak(String text) throws IOException {
        Path out = Files.createTempFile("prompt-tts-", ".wav");
        try {
            boolean toFile = command.stream().anyMatch(a -> a.contains("{out}"));
            List<String> args = command.stream()
                    .map(a -> a.replace("{text}", text).replace("{out}", out.toString())).toList();
            ProcessBuilder builder = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.PIPE);
            if (!toFile) {
                builder.redirectOutput(out.toFile());
            }
            Process process = builder.start();
            byte[] errors = process.getErrorStream().readAllBytes();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(command.get(0) + " exited with " + exit + ": "
                        + new String(errors, StandardCharsets.UTF_8).strip());
            }
            return WavFiles.read(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
