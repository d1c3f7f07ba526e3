package com.chengshi.hotline.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What Asterisk plays natively and hears a call in: 8 kHz, signed 16-bit little-endian PCM, mono, in a WAV file.
 * Prompts are rendered to it and the line check listens in it.
 */
public final class TelephoneFormat {

    public static final int SAMPLE_RATE = 8000;
    public static final int SAMPLES_PER_MS = SAMPLE_RATE / 1000;
    /** For an admin whose recording is in another format. */
    public static final String HOW_TO_CONVERT =
            "Asterisk needs 8000 Hz 16-bit mono PCM WAV (sox in.wav -r 8000 -c 1 -b 16 out.wav)";

    static final AudioFormat PCM = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

    private TelephoneFormat() {
    }

    /**
     * What makes {@code file} other than a telephone-format WAV, in words ("an MP3 file named .wav", "not a WAV
     * file", "PCM_SIGNED 44100 Hz 16-bit 2 channels"); empty when it is one.
     */
    public static Optional<String> problemWith(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(head, 0, 4);
            if (read >= 3 && (new String(head, 0, 3, StandardCharsets.ISO_8859_1).equals("ID3")
                    || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0))) {
                return Optional.of("an MP3 file named .wav");
            }
        }
        AudioFileFormat fileFormat;
        try {
            fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            return Optional.of("not a WAV file");
        }
        AudioFormat f = fileFormat.getFormat();
        boolean telephone = fileFormat.getType() == AudioFileFormat.Type.WAVE
                && f.getEncoding() == PCM.getEncoding() && f.getSampleRate() == SAMPLE_RATE
                && f.getSampleSizeInBits() == PCM.getSampleSizeInBits() && f.getChannels() == PCM.getChannels();
        if (telephone) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s %.0f Hz %d-bit %s", f.getEncoding(), f.getSampleRate(),
                f.getSampleSizeInBits(), f.getChannels() == 1 ? "mono" : f.getChannels() + " channels"));
    }
}
