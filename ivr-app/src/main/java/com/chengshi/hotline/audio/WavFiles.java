package com.chengshi.hotline.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Reading WAV files, and writing them in the {@link TelephoneFormat}, as files Asterisk may read. */
public final class WavFiles {

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
        if (clip.sampleRate() != TelephoneFormat.SAMPLE_RATE) {
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
                new ByteArrayInputStream(pcm.array()), TelephoneFormat.PCM, samples.length)) {
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
}
