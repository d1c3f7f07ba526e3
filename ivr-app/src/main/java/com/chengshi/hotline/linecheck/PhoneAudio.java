package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.audio.TelephoneFormat;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads WAV files as the line check hears calls: signed 16-bit, 8 kHz, mono. 16-bit PCM at 8 kHz is taken as it is;
 * µ-law, A-law and other PCM sample sizes are decoded by javax.sound; several channels are mixed down to mono; other
 * sample rates are resampled with a windowed-sinc filter, because javax.sound's own rate conversion does not low-pass
 * and so folds everything above 4 kHz back into the phone band.
 */
public final class PhoneAudio {

    /** Sinc zero crossings on each side of the resampling kernel: about 80 dB of stop band with the Blackman window. */
    private static final int SINC_ZERO_CROSSINGS = 16;
    /** The resampler passes up to this share of the lower Nyquist frequency; the rest is the transition band. */
    private static final double PASS_BAND = 0.9;

    private PhoneAudio() {
    }

    /**
     * The samples of a WAV file at 8 kHz mono.
     *
     * @throws UnusableAudioException if the file is missing, empty, not a WAV file, truncated or in an encoding
     *                                javax.sound cannot decode
     */
    public static short[] read(Path file) throws UnusableAudioException {
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
                return toPhoneAudio(stored);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new UnusableAudioException("not a WAV file, or a WAV encoding javax.sound cannot read");
        } catch (IOException e) {
            throw new UnusableAudioException("cannot read: " + e.getMessage());
        }
    }

    private static short[] toPhoneAudio(AudioInputStream stored) throws IOException, UnusableAudioException {
        AudioFormat storedFormat = stored.getFormat();
        int channels = storedFormat.getChannels();
        float rate = storedFormat.getSampleRate();
        AudioFormat pcm16 = new AudioFormat(rate, 16, channels, true, false);
        if (!AudioSystem.isConversionSupported(pcm16, storedFormat)) {
            throw new UnusableAudioException("unsupported encoding: " + storedFormat);
        }
        byte[] bytes;
        try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm16, stored)) {
            bytes = decoded.readAllBytes();
        }
        int frameBytes = 2 * channels;
        long frames = bytes.length / frameBytes;
        long promised = stored.getFrameLength();
        if (promised != AudioSystem.NOT_SPECIFIED && frames < promised) {
            throw new UnusableAudioException("truncated: the header promises " + promised
                    + " sample frames, the file holds " + frames);
        }
        if (frames == 0) {
            throw new UnusableAudioException("the file holds no audio");
        }
        double[] mono = new double[(int) frames];
        for (int frame = 0; frame < mono.length; frame++) {
            double sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                int at = frame * frameBytes + 2 * channel;
                sum += (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            }
            mono[frame] = sum / channels;
        }
        double[] phone = rate == TelephoneFormat.SAMPLE_RATE ? mono : resample(mono, rate, TelephoneFormat.SAMPLE_RATE);
        short[] samples = new short[phone.length];
        for (int i = 0; i < phone.length; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(phone[i])));
        }
        return samples;
    }

    /** Band-limited resampling: each output sample is a Blackman-windowed sinc sum of the input around its instant. */
    static double[] resample(double[] input, double fromRate, double toRate) {
        double ratio = toRate / fromRate;
        double cutoff = Math.min(1.0, ratio) * PASS_BAND;
        double halfWidth = SINC_ZERO_CROSSINGS / cutoff;
        double[] output = new double[(int) Math.floor(input.length * ratio)];
        for (int n = 0; n < output.length; n++) {
            double at = n / ratio;
            int first = Math.max(0, (int) Math.ceil(at - halfWidth));
            int last = Math.min(input.length - 1, (int) Math.floor(at + halfWidth));
            double sum = 0;
            double weights = 0;
            for (int k = first; k <= last; k++) {
                double distance = k - at;
                double weight = cutoff * sinc(cutoff * distance) * blackman(distance / halfWidth);
                sum += weight * input[k];
                weights += weight;
            }
            // Normalising keeps DC gain at one, also near the ends where the kernel is cut short.
            output[n] = weights == 0 ? 0 : sum / weights;
        }
        return output;
    }

    private static double sinc(double x) {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Blackman window over -1..1. */
    private static double blackman(double x) {
        double phase = Math.PI * (x + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }
}
