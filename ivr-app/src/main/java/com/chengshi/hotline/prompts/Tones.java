package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static com.chengshi.hotline.audio.TelephoneFormat.SAMPLE_RATE;

/**
 * The sounds the hotline makes itself rather than borrow from Asterisk, whose sound sets an install may lack (the
 * docker image ships none): the beep before a caller's recording, and the hold music of class {@code hotline}
 * (dialplan/musiconhold_hotline.conf), both generated, so they need no file in the repository.
 */
final class Tones {

    /** {@code <sound-dir>/tones/beep.wav}, played before the caller records their name and question. */
    static final String BEEP = "tones/beep";
    /** {@code <sound-dir>/moh/}, the directory of music-on-hold class {@code hotline}. */
    static final String HOLD_MUSIC = "moh/hold-music";

    private Tones() {
    }

    /** Writes both into the sound dir, unless they are already there as made. */
    static void install(Path soundDir) throws IOException {
        write(beep(), soundDir.resolve(BEEP + ".wav"));
        write(holdMusic(), soundDir.resolve(HOLD_MUSIC + ".wav"));
    }

    /** 1 kHz for 300 ms, as telephone beeps go, at −14 dBFS, with 10 ms ramps so that it does not click. */
    static AudioClip beep() {
        float[] s = new float[SAMPLE_RATE * 3 / 10];
        double amplitude = Math.pow(10, -14 / 20.0) * Math.sqrt(2);
        int ramp = SAMPLE_RATE / 100;
        for (int i = 0; i < s.length; i++) {
            double envelope = Math.min(1, Math.min(i, s.length - 1 - i) / (double) ramp);
            s[i] = (float) (amplitude * envelope * Math.sin(2 * Math.PI * 1000 * i / SAMPLE_RATE));
        }
        return new AudioClip(s, SAMPLE_RATE);
    }

    /**
     * A calm 24 s tune that loops: a pentatonic phrase of soft bell-like notes (a sine and its octave, fading), at
     * about −27 dBFS, below the prompts' −20 so that "sorry to keep you waiting" stands out from it.
     */
    static AudioClip holdMusic() {
        double[] phrase = {523.25, 659.25, 783.99, 659.25, 587.33, 698.46, 880.00, 698.46,
                523.25, 587.33, 659.25, 783.99, 659.25, 587.33, 523.25, 392.00};
        int note = SAMPLE_RATE * 3 / 4;
        float[] s = new float[phrase.length * 2 * note];
        double amplitude = Math.pow(10, -15 / 20.0);
        for (int n = 0; n < phrase.length * 2; n++) {
            double f = phrase[n % phrase.length] * (n >= phrase.length ? 0.5 : 1);
            for (int i = 0; i < note; i++) {
                double t = (double) i / SAMPLE_RATE;
                double envelope = Math.min(1, i / (SAMPLE_RATE * 0.02)) * Math.exp(-3.0 * t);
                s[n * note + i] = (float) (amplitude * envelope * (0.8 * Math.sin(2 * Math.PI * f * t)
                        + 0.2 * Math.sin(4 * Math.PI * f * t)));
            }
        }
        return new AudioClip(s, SAMPLE_RATE);
    }

    private static void write(AudioClip clip, Path file) throws IOException {
        Path temp = WavFiles.newReadableFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            WavFiles.writeTelephone(clip, temp);
            if (Files.isRegularFile(file) && Files.mismatch(temp, file) == -1) {
                return;
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
