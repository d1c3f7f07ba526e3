package com.chengshi.hotline.simulate;

import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.flow.CallPort;
import com.chengshi.hotline.flow.CallerHungUpException;
import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.QueueResult;
import com.chengshi.hotline.linecheck.LineCheckProperties;
import com.chengshi.hotline.linecheck.LineClassifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call played on recordings instead of a phone line: the caller's voice comes from a recording, the caller's keys
 * from a script, and what the caller would hear is collected as audio. The caller speaks when the hotline listens:
 * each listening window hears the recording on from where the last one stopped. Time is the call's own: it advances
 * by what is played and listened to, so a simulated call runs as fast as the machine can.
 */
final class RecordedCall extends Clock implements CallPort, LineCheck {

    private static final int FRAME = 160;
    /** How long the simulated caller speaks when asked to leave their name and question. */
    private static final Duration RECORDING = Duration.ofSeconds(3);

    private final short[] callerVoice;
    private final PromptAudio prompts;
    private final LineCheckProperties lineCheck;
    private final Map<String, Character> keysDuringPrompt;
    private final Deque<String> keysWhenAsked;
    private final long hangsUpAtMs;
    private final Instant start;
    private final HeardAudio heard = new HeardAudio();

    private long nowMs;
    private int callerPosition;
    private double talkGain = 1.0;
    private boolean hungUpByHotline;

    RecordedCall(short[] callerVoice, PromptAudio prompts, LineCheckProperties lineCheck,
                 Map<String, Character> keysDuringPrompt, List<String> keysWhenAsked, Duration hangsUpAfter,
                 Instant start) {
        this.callerVoice = callerVoice;
        this.prompts = prompts;
        this.lineCheck = lineCheck;
        this.keysDuringPrompt = new HashMap<>(keysDuringPrompt);
        this.keysWhenAsked = new ArrayDeque<>(keysWhenAsked);
        this.hangsUpAtMs = hangsUpAfter == null ? Long.MAX_VALUE : hangsUpAfter.toMillis();
        this.start = start;
    }

    long elapsedMs() {
        return nowMs;
    }

    HeardAudio heard() {
        return heard;
    }

    boolean hungUpByHotline() {
        return hungUpByHotline;
    }

    /** Lets {@code ms} of call time pass, or throws if the caller hangs up before it has. */
    private void pass(long ms) {
        long until = nowMs + ms;
        if (until >= hangsUpAtMs) {
            heard.silence(Math.max(0, hangsUpAtMs - nowMs));
            nowMs = Math.max(nowMs, hangsUpAtMs);
            throw new CallerHungUpException();
        }
        nowMs = until;
    }

    private void checkCallerStillThere() {
        if (nowMs >= hangsUpAtMs) {
            throw new CallerHungUpException();
        }
    }

    @Override
    public LineReport listen(CallPort call, Duration window) {
        checkCallerStillThere();
        LineClassifier classifier = new LineClassifier(lineCheck);
        long listened = 0;
        boolean done = false;
        short[] frame = new short[FRAME];
        while (!done) {
            Arrays.fill(frame, (short) 0);
            if (callerPosition < callerVoice.length) {
                System.arraycopy(callerVoice, callerPosition, frame, 0,
                        Math.min(FRAME, callerVoice.length - callerPosition));
            }
            callerPosition += FRAME;
            listened += FRAME / TelephoneFormat.SAMPLES_PER_MS;
            done = classifier.accept(frame, 0, FRAME) || classifier.windowOver(listened, window);
        }
        heard.silence(listened);
        pass(listened);
        return classifier.report();
    }

    @Override
    public void answer() {
        checkCallerStillThere();
    }

    @Override
    public Optional<Character> play(String promptId, String escapeDigits) {
        checkCallerStillThere();
        short[] audio = prompts.audio(promptId);
        long lengthMs = audio.length / TelephoneFormat.SAMPLES_PER_MS;
        Character key = keysDuringPrompt.remove(promptId);
        boolean interrupted = key != null && escapeDigits.indexOf(key) >= 0;
        // A caller who knows what to press does so about a second into the prompt.
        long playedMs = interrupted ? Math.min(1000, lengthMs) : lengthMs;
        heard.add(audio, (int) (playedMs * TelephoneFormat.SAMPLES_PER_MS), talkGain);
        pass(playedMs);
        return interrupted ? Optional.of(key) : Optional.empty();
    }

    @Override
    public Optional<Character> sayNumber(String number, String escapeDigits) {
        checkCallerStillThere();
        short[] audio = prompts.number(number);
        heard.add(audio, audio.length, talkGain);
        pass(audio.length / TelephoneFormat.SAMPLES_PER_MS);
        return Optional.empty();
    }

    @Override
    public Optional<Character> waitForDigit(Duration timeout) {
        checkCallerStillThere();
        Optional<Character> key = nextKey();
        if (key.isEmpty()) {
            heard.silence(timeout.toMillis());
            pass(timeout.toMillis());
        }
        return key;
    }

    @Override
    public String readDigits(String promptId, Duration timeout, int maxDigits) {
        play(promptId, "");
        String keyed = keysWhenAsked.poll();
        if (keyed == null || keyed.isEmpty()) {
            heard.silence(timeout.toMillis());
            pass(timeout.toMillis());
            return "";
        }
        return keyed.length() > maxDigits ? keyed.substring(0, maxDigits) : keyed;
    }

    @Override
    public void record(String name, Duration maxLength, Duration silence) {
        checkCallerStillThere();
        long ms = Math.min(RECORDING.toMillis(), maxLength.toMillis());
        short[] beep = prompts.beep();
        heard.add(beep, beep.length, 1.0);
        pass(beep.length / TelephoneFormat.SAMPLES_PER_MS);
        heard.silence(ms);
        pass(ms);
    }

    @Override
    public void startHoldMusic(String musicClass) {
        checkCallerStillThere();
    }

    @Override
    public void stopHoldMusic() {
        checkCallerStillThere();
    }

    @Override
    public void setTalkVolume(int gain) {
        checkCallerStillThere();
        // Asterisk's VOLUME(TX): a positive value multiplies the samples by it, a negative one divides.
        talkGain = gain > 0 ? gain : gain < 0 ? 1.0 / -gain : 1.0;
    }

    @Override
    public int runApplication(String application, String... args) {
        checkCallerStillThere();
        return 0;
    }

    @Override
    public QueueResult queue(String queue, Duration maxWait) {
        checkCallerStillThere();
        // No agent answers a simulated queue.
        return QueueResult.TIMED_OUT;
    }

    @Override
    public void setVariable(String name, String value) {
        checkCallerStillThere();
    }

    @Override
    public void hangup() {
        hungUpByHotline = true;
    }

    private Optional<Character> nextKey() {
        String answer = keysWhenAsked.poll();
        return answer == null || answer.isEmpty() ? Optional.empty() : Optional.of(answer.charAt(0));
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return start.plusMillis(nowMs);
    }
}
