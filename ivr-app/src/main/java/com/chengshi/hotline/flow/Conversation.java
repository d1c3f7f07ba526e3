package com.chengshi.hotline.flow;

import com.chengshi.hotline.calllog.CallDetails;
import com.chengshi.hotline.calllog.CallJournal;
import com.chengshi.hotline.calllog.HungUpBy;
import com.chengshi.hotline.calllog.Outcome;
import com.chengshi.hotline.calllog.Retry;
import com.chengshi.hotline.flow.FlowProperties.Option;
import com.chengshi.hotline.linecheck.LineReport;
import com.chengshi.hotline.linecheck.Verdict;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * One call, step by step as the phone-service standard has it. Each step is named after the situation it handles;
 * the words are the catalogue's, by prompt id.
 */
final class Conversation {

    private static final String ANY_KEY = "0123456789*#";

    private final CallPort call;
    private final CallJournal journal;
    private final FlowProperties settings;
    private final LineCheck lineCheck;
    private final Clock clock;
    private final CallDetails details;
    private final List<Option> menu;

    private int volume;
    private boolean callbackTaken;

    Conversation(CallPort call, CallJournal journal, FlowProperties settings, List<Option> menu, LineCheck lineCheck,
                 Clock clock, CallDetails details) {
        this.call = call;
        this.journal = journal;
        this.settings = settings;
        this.lineCheck = lineCheck;
        this.clock = clock;
        this.details = details;
        this.menu = menu;
    }

    void run() {
        try {
            answerWithGreeting();
            Optional<Character> key = checkTheLine();
            if (key != null) {
                serviceMenu(key);
            }
        } catch (CallerHungUpException e) {
            journal.ended(callbackTaken ? Outcome.CALLBACK_REQUESTED : Outcome.CALLER_HUNG_UP, HungUpBy.CALLER);
        }
    }

    void allLinesBusy() {
        try {
            journal.step("all-lines-busy");
            call.answer();
            journal.answered();
            play(Prompt.ALL_LINES_BUSY);
            letCallerHangUpFirst(settings.fallbackWait(), Outcome.OVER_CAPACITY);
        } catch (CallerHungUpException e) {
            journal.ended(Outcome.OVER_CAPACITY, HungUpBy.CALLER);
        }
    }

    /** §1: answer at once, name the company and the seat. */
    private void answerWithGreeting() {
        journal.step("greeting");
        call.answer();
        journal.answered();
        play(greetingForNow());
    }

    private Prompt greetingForNow() {
        if (!settings.greetByTimeOfDay()) {
            return Prompt.GREETING;
        }
        int hour = LocalTime.now(clock.withZone(settings.timeZone())).getHour();
        if (hour >= 5 && hour < 12) {
            return Prompt.GREETING_MORNING;
        }
        return hour >= 12 && hour < 18 ? Prompt.GREETING_AFTERNOON : Prompt.GREETING_EVENING;
    }

    /**
     * Listens to the caller and handles a silent (§2), noisy (§3) or faint (§4) line. Returns the key the caller
     * pressed while we listened (empty if none) when the call can go on, or null when the line check ended the call.
     */
    private Optional<Character> checkTheLine() {
        journal.step("line-check");
        Optional<LineReport> heard = listen(settings.listenWindow());
        int silentAsks = 0;
        int noisyAsks = 0;
        int quietAsks = 0;
        while (!callerIsHeard(heard)) {
            switch (heard.get().verdict()) {
                case SILENT -> {
                    if (silentAsks == settings.silentAskAgain()) {
                        return silentLineGoodbye();
                    }
                    silentAsks++;
                    journal.step("silent-line");
                    journal.retry(Retry.SILENT);
                    play(Prompt.SILENT_ASK_AGAIN);
                }
                case NOISY -> {
                    if (noisyAsks == settings.noisyAskAgain()) {
                        return fallBackAndEnd(Prompt.NOISY_OTHER_PHONE, Outcome.NOISY_LINE);
                    }
                    noisyAsks++;
                    journal.step("noisy-line");
                    journal.retry(Retry.NOISY);
                    play(Prompt.NOISY_DIAL_AGAIN);
                }
                case QUIET -> {
                    if (quietAsks == settings.quietAskAgain()) {
                        return fallBackAndEnd(Prompt.QUIET_OTHER_PHONE, Outcome.QUIET_LINE);
                    }
                    quietAsks++;
                    journal.step("quiet-caller");
                    journal.retry(Retry.QUIET);
                    play(Prompt.QUIET_SPEAK_UP);
                }
                default -> throw new IllegalStateException("unhandled verdict " + heard.get().verdict());
            }
            heard = listen(settings.listenWindow());
        }
        return keyIn(heard);
    }

    /** §2, steps 3–4: say goodbye, wait a little longer; a caller who speaks now is served after all. */
    private Optional<Character> silentLineGoodbye() {
        journal.step("silent-line-goodbye");
        play(Prompt.SILENT_GOODBYE);
        Optional<LineReport> lastChance = listen(settings.lastListen());
        if (lastChance.isEmpty() || lastChance.get().pressedKey() || lastChance.get().verdict() != Verdict.SILENT) {
            journal.note("caller spoke after the goodbye");
            return keyIn(lastChance);
        }
        hangUp(Outcome.SILENT_LINE);
        return null;
    }

    /** §3, §4: the second phrasing, a short wait, then we hang up, never abruptly. */
    private Optional<Character> fallBackAndEnd(Prompt fallback, Outcome outcome) {
        journal.step(outcome == Outcome.NOISY_LINE ? "noisy-line-goodbye" : "quiet-caller-goodbye");
        play(fallback);
        letCallerHangUpFirst(settings.fallbackWait(), outcome);
        return null;
    }

    /** The service menu by key, with separate counters for no key and a wrong key (§9). */
    private void serviceMenu(Optional<Character> keyPressedEarly) {
        // No key and a key that is no option each have their own words (§9), and share one budget: the menu is never
        // offered more than 1 + retries times in a row.
        int retries = 0;
        Optional<Character> key = keyPressedEarly;
        while (true) {
            if (key.isEmpty()) {
                journal.step("menu");
                key = play(Prompt.MENU, ANY_KEY);
                if (key.isEmpty()) {
                    key = waitForKey(settings.menu().timeout());
                }
            }
            if (key.isEmpty()) {
                if (retries++ == settings.menu().retries()) {
                    retriesRanOut();
                    return;
                }
                journal.retry(Retry.NO_INPUT);
                play(Prompt.MENU_NO_INPUT);
                continue;
            }
            char pressed = key.get();
            Optional<Option> option = menu.stream().filter(o -> o.key() == pressed).findFirst();
            if (option.isEmpty()) {
                if (retries++ == settings.menu().retries()) {
                    retriesRanOut();
                    return;
                }
                journal.retry(Retry.INVALID);
                play(Prompt.MENU_INVALID);
                key = Optional.empty();
                continue;
            }
            After after = carryOut(option.get());
            if (after == After.CALL_ENDED) {
                return;
            }
            key = after == After.BACK_TO_MENU ? Optional.empty() : anythingElse();
            if (key == null) {
                return;
            }
            retries = 0;
        }
    }

    /** What comes after a menu choice. */
    private enum After { ANYTHING_ELSE, BACK_TO_MENU, CALL_ENDED }

    /** Does what a menu key asks. */
    private After carryOut(Option option) {
        return switch (option.action()) {
            case INFO -> {
                journal.step("information");
                play(option.prompt(), "");
                yield After.ANYTHING_ELSE;
            }
            case LOUDER -> callerCannotHearUs() ? After.BACK_TO_MENU : After.CALL_ENDED;
            case AGENT -> putThroughToAgent() ? After.ANYTHING_ELSE : After.CALL_ENDED;
            case CALLBACK -> {
                takeCallbackRequest();
                yield After.ANYTHING_ELSE;
            }
        };
    }

    private void retriesRanOut() {
        journal.note("menu retries ran out");
        if (settings.menu().whenRetriesRunOut() == FlowProperties.WhenRetriesRunOut.AGENT) {
            if (putThroughToAgent()) {
                endTheCall();
            }
        } else {
            endTheCall();
        }
    }

    /** §6: apologise, raise our volume and ask; at the highest volume, the line itself may be at fault. */
    private boolean callerCannotHearUs() {
        journal.step("caller-cannot-hear-us");
        if (volume >= settings.volume().max()) {
            play(Prompt.LOUDER_LINE_PROBLEM);
            play(Prompt.GOODBYE);
            letCallerHangUpFirst(settings.hangupGrace(), Outcome.LINE_PROBLEM);
            return false;
        }
        play(Prompt.SORRY);
        volume = Math.min(volume + settings.volume().step(), settings.volume().max());
        call.setTalkVolume(volume);
        journal.note("talk volume " + volume);
        play(Prompt.LOUDER_IS_THIS_BETTER);
        return true;
    }

    /**
     * §10 and §8: tell the caller before they wait, keep them informed while they do, and when no agent comes in
     * time (or the caller asks) take a callback request, so nobody waits without a plan. Returns false when the call
     * has ended (it went to an agent).
     */
    private boolean putThroughToAgent() {
        journal.step("hold");
        play(Prompt.HOLD_PLEASE_WAIT);
        FlowProperties.Hold hold = settings.hold();
        if (!hold.queue().isEmpty()) {
            call.runApplication("Queue", hold.queue(), "", "", "", Long.toString(hold.maxWait().toSeconds()));
            String status = call.getVariable("QUEUESTATUS").orElse("");
            journal.note("queue status " + (status.isEmpty() ? "ANSWERED" : status));
            if (status.isEmpty()) {
                journal.ended(Outcome.TRANSFERRED, null);
                return false;
            }
        } else {
            waitOnHold(hold);
        }
        takeCallbackRequest();
        return true;
    }

    private void waitOnHold(FlowProperties.Hold hold) {
        String callbackKey = String.valueOf(hold.callbackKey());
        long waited = 0;
        while (waited < hold.maxWait().toMillis()) {
            Duration stretch = Duration.ofMillis(Math.min(hold.reminderEvery().toMillis(),
                    hold.maxWait().toMillis() - waited));
            call.startHoldMusic(hold.musicClass());
            Optional<Character> key = call.waitForDigit(stretch);
            call.stopHoldMusic();
            waited += stretch.toMillis();
            if (key.isEmpty() && waited < hold.maxWait().toMillis()) {
                key = play(Prompt.HOLD_STILL_WAITING, callbackKey);
            }
            if (key.isPresent() && key.get() == hold.callbackKey()) {
                journal.digits(callbackKey);
                return;
            }
        }
    }

    /** §10, §13–14: the caller's name and question, the number to call back, then the promise. */
    private void takeCallbackRequest() {
        journal.step("callback");
        play(Prompt.CALLBACK_LEAVE_NAME_AND_QUESTION);
        String recording = settings.callback().recordingPrefix() + "-" + details.uniqueId();
        call.record(recording, settings.callback().maxRecording(), settings.callback().recordingSilence());
        String number = numberToCallBack();
        journal.callbackRequested(number, recording);
        callbackTaken = true;
        play(Prompt.CALLBACK_NOTED);
    }

    private String numberToCallBack() {
        FlowProperties.Callback callback = settings.callback();
        String callerNumber = details.callerNumber();
        if (isDialable(callerNumber)) {
            play(Prompt.CALLBACK_NUMBER_IS);
            call.sayNumber(callerNumber, "");
            String answer = call.readDigits(Prompt.CALLBACK_CONFIRM_NUMBER.id(), callback.keyTimeout(), 1);
            journal.digits(answer);
            if (!"2".equals(answer)) {
                return callerNumber;
            }
        }
        for (int attempt = 0; attempt < callback.numberAttempts(); attempt++) {
            String keyed = call.readDigits(Prompt.CALLBACK_ENTER_NUMBER.id(), callback.keyTimeout(),
                    callback.maxNumberDigits());
            journal.digits(keyed);
            if (isDialable(keyed)) {
                return keyed;
            }
        }
        return isDialable(callerNumber) ? callerNumber : null;
    }

    private static boolean isDialable(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }

    /** §17: anything else? A key goes back to the menu; otherwise thank, say goodbye and let the caller go. */
    private Optional<Character> anythingElse() {
        journal.step("anything-else");
        Optional<Character> key = play(Prompt.ANYTHING_ELSE, ANY_KEY);
        if (key.isEmpty()) {
            key = waitForKey(settings.anythingElseWait());
        }
        if (key.isPresent()) {
            return Optional.empty();
        }
        endTheCall();
        return null;
    }

    private void endTheCall() {
        journal.step("goodbye");
        play(Prompt.GOODBYE);
        letCallerHangUpFirst(settings.hangupGrace(), callbackTaken ? Outcome.CALLBACK_REQUESTED : Outcome.COMPLETED);
    }

    /** §17: the caller hangs up first; only after the grace period do we. */
    private void letCallerHangUpFirst(Duration grace, Outcome outcome) {
        journal.step("waiting-for-caller-to-hang-up");
        long deadline = clock.millis() + grace.toMillis();
        try {
            // A key does not end the wait: only the caller hanging up, or the grace running out, does.
            for (long left = grace.toMillis(); left > 0; left = deadline - clock.millis()) {
                if (call.waitForDigit(Duration.ofMillis(left)).isEmpty()) {
                    break;
                }
            }
        } catch (CallerHungUpException e) {
            journal.ended(outcome, HungUpBy.CALLER);
            return;
        }
        hangUp(outcome);
    }

    private void hangUp(Outcome outcome) {
        call.hangup();
        journal.ended(outcome, HungUpBy.HOTLINE);
    }

    /** What the caller's line sounds like, or empty when we could not listen (then we serve them as heard). */
    private Optional<LineReport> listen(Duration window) {
        try {
            LineReport heard = lineCheck.listen(call, window);
            journal.heard(heard);
            return Optional.of(heard);
        } catch (LineCheckUnavailableException e) {
            journal.note("line check unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean callerIsHeard(Optional<LineReport> heard) {
        return heard.isEmpty() || heard.get().pressedKey() || heard.get().verdict() == Verdict.CLEAR;
    }

    private static Optional<Character> keyIn(Optional<LineReport> heard) {
        return heard.map(LineReport::digit);
    }

    private Optional<Character> waitForKey(Duration timeout) {
        Optional<Character> key = call.waitForDigit(timeout);
        key.ifPresent(k -> journal.digits(String.valueOf(k)));
        return key;
    }

    private void play(Prompt prompt) {
        play(prompt, "");
    }

    private Optional<Character> play(Prompt prompt, String escapeDigits) {
        return play(prompt.id(), escapeDigits);
    }

    private Optional<Character> play(String promptId, String escapeDigits) {
        journal.prompt(promptId);
        Optional<Character> key = call.play(promptId, escapeDigits);
        key.ifPresent(k -> journal.digits(String.valueOf(k)));
        return key;
    }
}
