package com.chengshi.hotline.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Reading engine output and writing what Asterisk plays natively: 8 kHz 16-bit mono PCM WAV. */
public final class WavFiles {

    public static final AudioFormat TELEPHONE = new AudioFormat(8000, 16, 1, true, false);
    private static final String CONVERT_HINT =
            "Asterisk needs 8000 Hz 16-bit mono PCM WAV (sox in.wav -r 8000 -c 1 -b 16 out.wav)";

    private WavFiles() {
    }

    /**
     * A new file under a temporary name in {@code dir}, readable by everyone: Asterisk, which plays it, runs as its own
     * user on most installs, and a file only its owner may read is silence to the caller.
     */
    public static Path newReadableFile(Path dir, String prefix, String suffix) throws IOException {
        readableDirectories(dir);
        Path file = Files.createTempFile(dir, prefix, suffix);
        // Set after creation: permissions given at creation are cut by the process's umask.
        setPermissions(file, "rw-r--r--");
        return file;
    }

    /** {@code dir} and the folders above it that this creates, each searchable by everyone. */
    private static void readableDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        readableDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute);
            setPermissions(absolute, "rwxr-xr-x");
        } catch (FileAlreadyExistsException e) {
            // Made by another call meanwhile.
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    /**
     * Writes {@code clip} (already at 8 kHz) as 16-bit PCM, rounding, with samples held inside full scale. Full scale
     * is 32767 here, where reading divides by 32768, so that a clip levelled to peak at 1.0 does not clip.
     */
    public static void writeTelephone(AudioClip clip, Path file) throws IOException {
        if (clip.sampleRate() != (int) TELEPHONE.getSampleRate()) {
            throw new IllegalArgumentException("not 8 kHz: " + clip.sampleRate());
        }
        short[] samples = new short[clip.samples().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.max(-32768, Math.min(32767, Math.round(clip.samples()[i] * 32767.0)));
        }
        writeTelephone(samples, file);
    }

    /** Writes 8 kHz samples as a telephone-format WAV. */
    public static void writeTelephone(short[] samples, Path file) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            pcm.putShort(sample);
        }
        try (AudioInputStream stream = new AudioInputStream(
                new ByteArrayInputStream(pcm.array()), TELEPHONE, samples.length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** Reads a 16-bit PCM WAV of any rate; several channels are averaged to one. */
    public static AudioClip read(Path file) throws IOException {
        try (AudioInputStream stream = AudioSystem.getAudioInputStream(
                new BufferedInputStream(Files.newInputStream(file)))) {
            AudioFormat format = stream.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16) {
                throw new IOException("not 16-bit PCM: " + format);
            }
            return fromPcm16(stream.readAllBytes(), format);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a WAV file", e);
        }
    }

    public static AudioClip fromPcm16(byte[] bytes, AudioFormat format) {
        ByteBuffer pcm = ByteBuffer.wrap(bytes).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int channels = format.getChannels();
        float[] samples = new float[bytes.length / 2 / channels];
        for (int i = 0; i < samples.length; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += pcm.getShort() / 32768f;
            }
            samples[i] = sum / channels;
        }
        return new AudioClip(samples, (int) format.getSampleRate());
    }

    /** Why a file an admin recorded cannot be played as it is, or empty when it is a telephone-format WAV. */
    public static Optional<String> telephoneFormatProblem(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(head, 0, 4);
            if (read >= 3 && (new String(head, 0, 3, StandardCharsets.ISO_8859_1).equals("ID3")
                    || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0))) {
                return Optional.of("an MP3 file named .wav; " + CONVERT_HINT);
            }
        }
        AudioFileFormat fileFormat;
        try {
            fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            return Optional.of("not a WAV file; " + CONVERT_HINT);
        }
        AudioFormat f = fileFormat.getFormat();
        boolean telephone = fileFormat.getType() == AudioFileFormat.Type.WAVE
                && f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && f.getSampleRate() == 8000
                && f.getSampleSizeInBits() == 16 && f.getChannels() == 1;
        if (telephone) {
            return Optional.empty();
        }
        return Optional.of(String.format("%s %.0f Hz %d-bit %s; %s", f.getEncoding(), f.getSampleRate(),
                f.getSampleSizeInBits(), f.getChannels() == 1 ? "mono" : f.getChannels() + " channels", CONVERT_HINT));
    }
}
