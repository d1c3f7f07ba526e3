package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Any other synthesiser, run once per prompt: in the arguments, {@code {text}} becomes the prompt's text and
 * {@code {out}} a temporary WAV file to read back; without {@code {out}} the WAV is read from standard output.
 * It cannot tell how it reads a text, so `prompts check` cannot check its language.
 */
final class CommandTtsEngine implements TtsEngine {

    private final List<String> command;
    private final Duration timeout;

    CommandTtsEngine(List<String> command, Duration timeout) {
        if (command == null || command.isEmpty() || command.stream().noneMatch(a -> a.contains("{text}"))) {
            throw new IllegalArgumentException("a TTS command needs a program and a {text} argument: " + command);
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    @Override
    public String identity() {
        return "command:" + String.join(" ", command);
    }

    @Override
    public Optional<String> unavailable() {
        return ExternalProgram.missing(command.get(0));
    }

    @Override
    public AudioClip speak(String text) throws IOException {
        Path out = Files.createTempFile("prompt-tts-", ".wav");
        try {
            List<String> args = command.stream()
                    .map(a -> a.replace("{text}", text).replace("{out}", out.toString())).toList();
            byte[] stdout = ExternalProgram.run(args, "", timeout);
            if (command.stream().noneMatch(a -> a.contains("{out}"))) {
                Files.write(out, stdout);
            }
            return WavFiles.read(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
