package com.chengshi.hotline.flow;


import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call as the situations see it: the port to the caller, the record of the call, the settings, and what the call
 * has been through so far (how often each line problem was asked about, the volume, a callback taken). Its helpers
 * journal what they do, so that a situation only says what happens.
 */
final class Conversation {

    /** Escape digits that let any key stop a prompt. */
    static final String ANY_KEY = "0123456789*#";

    final CallPort call;
    final CallJournal journal;
    final FlowProperties settings;
    final List<FlowProperties.Option> menu;
    final List<FlowProperties.FestiveGreeting> festiveGreetings;
    final Clock clock;
    final CallDetails details;
    private final LineCheck lineCheck;

    private final Map<Retry, Integer> asked = new EnumMap<>(Retry.class);
    final NumbersInPrompts numbersInPrompts;
    int volume;
    /** What was promised the caller (a call back, a complaint's follow-up), or null while nothing was. */
    private Outcome promised;
    /** The menu's tries ran out: the call goes to an agent or ends, and is not asked "anything else?". */
    boolean menuGaveUp;
    private Outcome ifCallerHangsUp;
    private Duration grace = Duration.ZERO;

    Conversation(CallPort call, CallJournal journal, FlowProperties settings, List<FlowProperties.Option> menu,
                 List<FlowProperties.FestiveGreeting> festiveGreetings, LineCheck lineCheck,
                 NumbersInPrompts numbersInPrompts, Clock clock, CallDetails details) {
        this.numbersInPrompts = numbersInPrompts;
        this.call = call;
        this.journal = journal;
        this.settings = settings;
        this.menu = menu;
        this.festiveGreetings = festiveGreetings;
        this.lineCheck = lineCheck;
        this.clock = clock;
        this.details = details;
    }

    /** How the call ends if the caller hangs up now. */
    Outcome outcomeIfCallerHangsUp() {
        if (ifCallerHangsUp != null) {
            return ifCallerHangsUp;
        }
        return promised == null ? Outcome.CALLER_HUNG_UP : promised;
    }

    /** The call now ends as {@code outcome} when it ends well, or when the caller hangs up. */
    void promised(Outcome outcome) {
        promised = outcome;
    }

    /** How the call ends when it ends well: what was promised, or simply completed. */
    Outcome outcomeWhenDone() {
        return promised == null ? Outcome.COMPLETED : promised;
    }

    /** From now on the call ends as {@code outcome}, whoever hangs up (a busy line, a goodbye said). */
    void endsAs(Outcome outcome) {
        ifCallerHangsUp = outcome;
    }

    /** §17: the call is over for us; the caller hangs up first, and we only after {@code grace}. */
    Next letCallerHangUpFirst(Outcome outcome, Duration grace) {
        endsAs(outcome);
        this.grace = grace;
        return Next.to(Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }

    Duration grace() {
        return grace;
    }

    /** Counts one more time the caller was asked about {@code problem}, here and in the call's record. */
    void askAgain(Retry problem) {
        asked.merge(problem, 1, Integer::sum);
        journal.retry(problem);
    }

    int timesAsked(Retry problem) {
        return asked.getOrDefault(problem, 0);
    }

    /** What the caller's line sounds like, or empty when we could not listen (then we serve them as heard). */
    Optional<LineReport> listen(Duration window) {
        try {
            LineReport heard = lineCheck.listen(call, window);
            journal.heard(heard);
            return Optional.of(heard);
        } catch (LineCheckUnavailableException e) {
            journal.note("line check unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    Optional<Character> waitForKey(Duration timeout) {
        Optional<Character> key = call.waitForDigit(timeout);
        key.ifPresent(k -> journal.digits(String.valueOf(k)));
        return key;
    }

    void play(Prompt prompt) {
        play(prompt.id(), "");
    }

    Optional<Character> play(Prompt prompt, String escapeDigits) {
        return play(prompt.id(), escapeDigits);
    }

    Optional<Character> play(String promptId, String escapeDigits) {
        journal.prompt(promptId);
        Optional<Character> key = call.play(promptId, escapeDigits);
        key.ifPresent(k -> journal.digits(String.valueOf(k)));
        return key;
    }
}
