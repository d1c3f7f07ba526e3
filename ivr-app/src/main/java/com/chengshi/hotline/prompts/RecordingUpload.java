package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.Resampler;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.UnusableAudioException;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recording an admin uploads, in the format they have, made into what Asterisk plays: a WAV of any rate, sample
 * size and channels read by {@link WavFiles}; anything else (mp3, ogg, flac, m4a...) decoded by the first of
 * {@link #CONVERTERS} on PATH; then 8 kHz mono through the {@link Resampler}, levelled as synthetic prompts are.
 */
final class RecordingUpload {

    /** Programs that decode the formats javax.sound cannot, best first. */
    static final List<String> CONVERTERS = List.of("ffmpeg", "sox");
    static final String HOW_TO_INSTALL = "apt-get install ffmpeg, or apt-get install sox libsox-fmt-all";

    /** The upload as calls will hear it, and what it was, in words, for the audit. */
    record Made(AudioClip telephone, String from) {
    }

    private final List<String> converters;
    private final Duration timeout;
    private final double levelDbfs;

    RecordingUpload(List<String> converters, Duration timeout, double levelDbfs) {
        this.converters = List.copyOf(converters);
        this.timeout = timeout;
        this.levelDbfs = levelDbfs;
    }

    /** The first converter installed here, if any. */
    Optional<String> converter() {
        return converters.stream().filter(c -> ExternalProgram.missing(c).isEmpty()).findFirst();
    }

    /**
     * {@code upload} (in a directory of its own, which the conversion writes into too) as telephone audio.
     *
     * @throws PromptEdits.RefusedException with the reason, when it is no audio this host can read, or silence
     */
    Made telephone(Path upload, String name) throws PromptEdits.RefusedException {
        AudioClip clip;
        String from;
        try {
            clip = WavFiles.read(upload);
            from = TelephoneFormat.problemWith(upload).orElse("8000 Hz 16-bit mono") + " WAV";
        } catch (UnusableAudioException notWav) {
            String converter = converter().orElseThrow(() -> new PromptEdits.RefusedException(name + ": "
                    + notWav.getMessage() + "; formats other than WAV (mp3, ogg, flac, m4a...) are converted with "
                    + String.join(" or ", converters) + ", and neither is installed on this host (" + HOW_TO_INSTALL
                    + ")"));
            clip = converted(upload, name, converter);
            from = "converted with " + converter;
        } catch (IOException e) {
            throw new PromptEdits.RefusedException(name + ": cannot read: " + e.getMessage());
        }
        if (clip.samples().length == 0 || SpeechLevel.peakDbfs(clip) <= SpeechLevel.SILENCE_DBFS) {
            throw new PromptEdits.RefusedException(name + ": the recording holds no sound");
        }
        AudioClip telephone = SpeechLevel.levelled(Resampler.resample(clip, TelephoneFormat.SAMPLE_RATE), levelDbfs);
        return new Made(telephone, String.format(Locale.ROOT, "%s (%s, %.1f s), made 8 kHz mono at %.0f dBFS", name,
                from, (double) clip.samples().length / clip.sampleRate(), levelDbfs));
    }

    private AudioClip converted(Path upload, String name, String converter) throws PromptEdits.RefusedException {
        Path out = upload.resolveSibling("converted.wav");
        List<String> args = converter.equals("sox")
                ? List.of("sox", upload.toString(), "-t", "wav", "-e", "signed-integer", "-b", "16", "-c", "1",
                        out.toString())
                : List.of(converter, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", upload.toString(),
                        "-vn", "-ac", "1", "-c:a", "pcm_s16le", "-f", "wav", out.toString());
        try {
            ExternalProgram.run(args, "", timeout);
            return WavFiles.read(out);
        } catch (IOException e) {
            throw new PromptEdits.RefusedException(name + ": " + converter + " could not convert it: "
                    + e.getMessage());
        }
    }
}
