package com.chengshi.hotline.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
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

    /**
     * A WAV file's audio, its channels averaged to one, at its own rate: 16-bit PCM as it is; µ-law, A-law and other
     * PCM sample sizes decoded by javax.sound. What the file holds is taken even if its header promised more: a
     * program writing a WAV to a pipe cannot go back to fill in the length, so it promises the most it can.
     *
     * @throws UnusableAudioException if the file is missing, empty, not a WAV file or in an encoding javax.sound
     *                                cannot decode
     */
    public static AudioClip read(Path file) throws UnusableAudioException {
        return read(file, false);
    }

    /**
     * A recording as the line check hears a call: 16-bit samples at 8 kHz, mono, resampled if need be. Unlike
     * {@link #read}, a recording that holds less audio than its header promises, or none, is refused: it was cut
     * short, and judging what is left would judge another call.
     */
    public static short[] readTelephone(Path file) throws UnusableAudioException {
        float[] clip = Resampler.resample(read(file, true), TelephoneFormat.SAMPLE_RATE).samples();
        short[] samples = new short[clip.length];
        for (int i = 0; i < clip.length; i++) {
            // Scale 32768, the inverse of reading, so that telephone audio comes back sample for sample.
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(clip[i] * 32768.0)));
        }
        return samples;
    }

    private static AudioClip read(Path file, boolean whole) throws UnusableAudioException {
        if (!Files.isRegularFile(file)) {
            throw new UnusableAudioException("no such file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new UnusableAudioException("the file is empty");
            }
            AudioFileFormat fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
            if (fileFormat.getType() != AudioFileFormat.Type.WAVE) {
                throw new UnusableAudioException("not a WAV file but " + fileFormat.getType());
            }
            try (AudioInputStream stored = AudioSystem.getAudioInputStream(file.toFile())) {
                AudioFormat storedFormat = stored.getFormat();
                AudioFormat pcm16 = new AudioFormat(storedFormat.getSampleRate(), 16, storedFormat.getChannels(),
                        true, false);
                if (!AudioSystem.isConversionSupported(pcm16, storedFormat)) {
                    throw new UnusableAudioException("unsupported encoding: " + storedFormat);
                }
                byte[] bytes;
                try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm16, stored)) {
                    bytes = decoded.readAllBytes();
                }
                long frames = bytes.length / pcm16.getFrameSize();
                long promised = stored.getFrameLength();
                if (whole && promised != AudioSystem.NOT_SPECIFIED && frames < promised) {
                    throw new UnusableAudioException("truncated: the header promises " + promised
                            + " sample frames, the file holds " + frames);
                }
                if (whole && frames == 0) {
                    throw new UnusableAudioException("the file holds no audio");
                }
                return fromPcm16(bytes, pcm16);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new UnusableAudioException("not a WAV file, or a WAV encoding javax.sound cannot read");
        } catch (UnusableAudioException e) {
            throw e;
        } catch (IOException e) {
            throw new UnusableAudioException("cannot read: " + e.getMessage());
        }
    }

    /** 16-bit PCM of {@code format} as a clip, its channels averaged to one. */
    public static AudioClip fromPcm16(byte[] bytes, AudioFormat format) {
        ByteBuffer pcm = ByteBuffer.wrap(bytes)
                .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
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
