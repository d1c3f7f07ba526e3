package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.WavFiles;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * FreeTTS's kevin16 voice (US English, 16 kHz; its only general-purpose voice), loaded on first use: allocating it
 * takes a moment. It speaks English only.
 */
final class FreeTtsEngine implements TtsEngine {

    static final String VOICE = "kevin16";

    private final Integer wordsPerMinute;
    private Voice voice;

    /** {@code wordsPerMinute} null for FreeTTS's own rate. */
    FreeTtsEngine(Integer wordsPerMinute) {
        this.wordsPerMinute = wordsPerMinute;
    }

    @Override
    public String identity() {
        return "freetts-1.2.2:" + VOICE + (wordsPerMinute == null ? "" : ":" + wordsPerMinute + "wpm");
    }

    /** FreeTTS says nothing at all for letters of other scripts, such as a company name left in Chinese. */
    @Override
    public List<String> misreadings(String text) {
        String unspoken = text.codePoints().filter(Character::isLetter)
                .filter(c -> Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return unspoken.isEmpty() ? List.of()
                : List.of("FreeTTS speaks English only and skips \"" + unspoken + "\"");
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Synchronized because a FreeTTS voice speaks one utterance at a time. */
    @Override
    public synchronized AudioClip speak(String text) throws IOException {
        Voice v = voice();
        CapturingPlayer player = new CapturingPlayer();
        v.setAudioPlayer(player);
        if (!v.speak(text)) {
            throw new IOException("FreeTTS could not speak: " + text);
        }
        AudioFormat format = player.getAudioFormat();
        return WavFiles.fromPcm16(player.pcm.toByteArray(), format);
    }

    private Voice voice() throws IOException {
        if (voice == null) {
            Voice kevin = Arrays.stream(new KevinVoiceDirectory().getVoices())
                    .filter(v -> v.getName().equals(VOICE)).findFirst()
                    .orElseThrow(() -> new IOException("FreeTTS has no voice " + VOICE));
            kevin.allocate();
            if (wordsPerMinute != null) {
                kevin.setRate(wordsPerMinute);
            }
            voice = kevin;
        }
        return voice;
    }

    /** Keeps what FreeTTS would send to the sound card. */
    private static final class CapturingPlayer implements AudioPlayer {
        private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        private AudioFormat format;
        private float volume = 1;

        @Override
        public void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public boolean write(byte[] audio, int offset, int size) {
            pcm.write(audio, offset, size);
            return true;
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float volume) {
            this.volume = volume;
        }

        // Playback control means nothing when the audio goes to memory.
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
