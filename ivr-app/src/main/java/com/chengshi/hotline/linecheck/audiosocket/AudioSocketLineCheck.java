package com.chengshi.hotline.linecheck.audiosocket;

import com.chengshi.hotline.ServesCalls;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.flow.CallPort;
import com.chengshi.hotline.flow.CallerHungUpException;
import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineCheckUnavailableException;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.linecheck.LineCheckProperties;
import com.chengshi.hotline.linecheck.LineClassifier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The line check on a live call: Asterisk streams the caller's audio to our AudioSocket server while the flow's
 * {@code EXEC AudioSocket} runs, and the classifier listens frame by frame until it is sure and the caller pauses.
 */
@Component
@ServesCalls
public class AudioSocketLineCheck implements LineCheck {

    /** After AudioSocket returns, its connection closes within a millisecond or two; this bounds the wait for it. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final AudioSocketServer server;
    private final LineCheckProperties settings;

    public AudioSocketLineCheck(AudioSocketServer server, LineCheckProperties settings) {
        this.server = server;
        this.settings = settings;
    }

    @Override
    public LineReport listen(CallPort call, Duration window) {
        ListeningWindow listening = new ListeningWindow(new LineClassifier(settings), window);
        long started = System.nanoTime();
        try (ExpectedSession session = server.expect(UUID.randomUUID(), listening)) {
            // A phone that sends no audio never fills the window (we keep Asterisk's side open with silence), so a
            // timer ends it at the window's length; once audio flows, the audio ends it, at the latest when the
            // longest utterance is over.
            CompletableFuture.delayedExecutor(Math.min(window.toMillis(), settings.maxWindow().toMillis()),
                    TimeUnit.MILLISECONDS).execute(() -> {
                        if (!listening.heardAudio()) {
                            session.end();
                        }
                    });
            CompletableFuture.delayedExecutor(settings.longestUtterance().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(session::end);
            int result = call.runApplication("AudioSocket", session.uuid().toString(), server.advertisedAddress());
            SessionEnd end = session.awaitEnd(SETTLE);
            return switch (end) {
                case ENDED_BY_US, AUDIO_STOPPED -> listening.report();
                // The phone sends no audio at all: Asterisk gave up on it, the channel is still up (capture 06).
                case NO_AUDIO -> LineReport.nothingHeard((System.nanoTime() - started) / 1_000_000);
                case CALLER_HUNG_UP -> throw new CallerHungUpException();
                case NOT_CONNECTED, ERROR -> throw new LineCheckUnavailableException(
                        "AudioSocket session " + end + " (AudioSocket returned " + result + ")");
            };
        }
    }

    /**
     * Feeds one window's audio to the classifier; ends it when the classifier is done, or when the window is full and
     * the caller is not in mid-sentence.
     */
    private static final class ListeningWindow implements AudioSocketListener {
        private final LineClassifier classifier;
        private final Duration window;
        /** Written by the session's thread, read by the window's timer. */
        private volatile long samples;
        private Character digit;

        ListeningWindow(LineClassifier classifier, Duration window) {
            this.classifier = classifier;
            this.window = window;
        }

        @Override
        public boolean onAudio(short[] audio, int count) {
            samples += count;
            return classifier.accept(audio, 0, count) || classifier.windowOver(samples / TelephoneFormat.SAMPLES_PER_MS, window);
        }

        @Override
        public void onDtmf(char pressed) {
            digit = pressed;
        }

        @Override
        public void onEnd(SessionEnd end) {
        }

        boolean heardAudio() {
            return samples > 0;
        }

        LineReport report() {
            LineReport heard = classifier.report();
            return digit == null ? heard : new LineReport(heard.verdict(), heard.speechLevelDbfs(),
                    heard.noiseFloorDbfs(), heard.snrDb(), heard.decisionMs(), heard.listenedMs(), digit);
        }
    }
}
