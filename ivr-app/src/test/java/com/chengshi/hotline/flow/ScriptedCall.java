package com.chengshi.hotline.flow;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A caller and a phone line played from a script: what the line check hears, which keys the caller presses, and when
 * the caller hangs up. Everything the flow does is written down as one line per action, to compare with the standard.
 */
final class ScriptedCall extends Clock implements CallPort, LineCheck {

    final List<String> actions = new ArrayList<>();
    private final Deque<Verdict> verdicts = new ArrayDeque<>();
    private final Deque<String> keysWhenAsked = new ArrayDeque<>();
    private final Map<String, Character> keysDuringPrompt = new HashMap<>();
    private final Map<String, Runnable> looks = new HashMap<>();
    private String hangsUpAt;
    private boolean audioUnavailable;
    private boolean hungUp;
    private QueueResult queueResult = QueueResult.ANSWERED;
    private Instant now = Instant.parse("2026-11-23T15:00:00Z");

    /** A wait in the agents' queue ends so (an agent answers unless a test says otherwise). */
    ScriptedCall queueEnds(QueueResult result) {
        queueResult = result;
        return this;
    }

    /** The line check hears these, one per listening window; SILENT once they run out. */
    ScriptedCall hears(Verdict... heard) {
        verdicts.addAll(List.of(heard));
        return this;
    }

    /** The caller answers each question (a wait for a key, or a key entry) with these; "" is no key. */
    ScriptedCall keys(String... answers) {
        keysWhenAsked.addAll(List.of(answers));
        return this;
    }

    /** The caller presses {@code key} while {@code promptId} plays, if the prompt lets keys interrupt it. */
    ScriptedCall pressesDuring(String promptId, char key) {
        keysDuringPrompt.put(promptId, key);
        return this;
    }

    /** The line check cannot get the caller's audio at all. */
    ScriptedCall cannotBeListenedTo() {
        audioUnavailable = true;
        return this;
    }

    /** The caller hangs up during the first action that starts with {@code action}. */
    ScriptedCall hangsUpAt(String action) {
        hangsUpAt = action;
        return this;
    }

    /** Runs {@code look} when the flow does an action that starts with {@code actionPrefix}, e.g. to see it from outside. */
    ScriptedCall whileAt(String actionPrefix, Runnable look) {
        looks.put(actionPrefix, look);
        return this;
    }

    private void act(String action) {
        actions.add(action);
        looks.entrySet().stream().filter(l -> action.startsWith(l.getKey())).forEach(l -> l.getValue().run());
        if (hungUp) {
            throw new AssertionError("the flow went on after the caller hung up: " + action);
        }
        if (hangsUpAt != null && action.startsWith(hangsUpAt)) {
            hungUp = true;
            throw new CallerHungUpException();
        }
    }

    private Optional<Character> nextKey() {
        String answer = keysWhenAsked.poll();
        return answer == null || answer.isEmpty() ? Optional.empty() : Optional.of(answer.charAt(0));
    }

    @Override
    public LineReport listen(CallPort call, Duration window) {
        act("LISTEN " + window.toMillis());
        if (audioUnavailable) {
            throw new LineCheckUnavailableException("no audio stream");
        }
        Verdict verdict = verdicts.isEmpty() ? Verdict.SILENT : verdicts.poll();
        return new LineReport(verdict, -25, -70, 45, 800, 1200, null);
    }

    @Override
    public void answer() {
        act("ANSWER");
    }

    @Override
    public Optional<Character> play(String promptId, String escapeDigits) {
        act("PLAY " + promptId);
        Character key = keysDuringPrompt.remove(promptId);
        return key != null && escapeDigits.indexOf(key) >= 0 ? Optional.of(key) : Optional.empty();
    }

    @Override
    public Optional<Character> sayNumber(String number, String escapeDigits) {
        act("SAY NUMBER " + number);
        return Optional.empty();
    }

    @Override
    public Optional<Character> waitForDigit(Duration timeout) {
        act("WAIT FOR DIGIT " + timeout.toMillis());
        Optional<Character> key = nextKey();
        if (key.isEmpty()) {
            now = now.plus(timeout);
        }
        return key;
    }

    @Override
    public String readDigits(String promptId, Duration timeout, int maxDigits) {
        act("READ DIGITS " + promptId);
        String answer = keysWhenAsked.poll();
        return answer == null ? "" : answer;
    }

    @Override
    public void record(String name, Duration maxLength, Duration silence) {
        act("RECORD " + name);
    }

    @Override
    public void startHoldMusic(String musicClass) {
        act("MUSIC ON " + musicClass);
    }

    @Override
    public void stopHoldMusic() {
        act("MUSIC OFF");
    }

    @Override
    public void setTalkVolume(int gain) {
        act("VOLUME " + gain);
    }

    @Override
    public int runApplication(String application, String... args) {
        act("EXEC " + application + " " + String.join(",", args));
        return 0;
    }

    @Override
    public QueueResult queue(String queue, Duration maxWait) {
        act("QUEUE " + queue + " " + maxWait.toSeconds());
        return queueResult;
    }

    @Override
    public void setVariable(String name, String value) {
        act("SET " + name + " " + value);
    }

    @Override
    public void hangup() {
        act("HANGUP");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
