package com.chengshi.hotline.flow;

import com.chengshi.hotline.ServesCalls;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phone-service standard as a call flow: the runner that owns each call. It follows the {@link Step} table from
 * the first step, journals each step, and ends the call in one place: when a situation says so, or when the caller
 * hangs up, as the call has been through so far.
 */
@Component
@ServesCalls
public class HotlineFlow {

    private final FlowProperties settings;
    private final List<FlowProperties.Option> menu;
    private final List<FlowProperties.FestiveGreeting> festiveGreetings;
    private final LineCheck lineCheck;
    private final NumbersInPrompts numbersInPrompts;
    private final Clock clock;
    private final Map<CallJournal, CallInProgress> inProgress = new ConcurrentHashMap<>();

    /** A call the flow is serving now, in the step it is in now. */
    public record CallInProgress(CallDetails details, Instant since, String step) {
    }

    public HotlineFlow(FlowProperties settings, LineCheck lineCheck, NumbersInPrompts numbersInPrompts, Clock clock) {
        this.settings = settings;
        this.lineCheck = lineCheck;
        this.numbersInPrompts = numbersInPrompts;
        this.clock = clock;
        this.menu = settings.menu().parsedOptions();
        this.festiveGreetings = settings.parsedFestiveGreetings();
    }

    /** Serves one call to its end. Returns normally when the call is over, however it ended; the journal says how. */
    public void serve(CallPort call, CallJournal journal, CallDetails details) {
        run(Step.GREETING, call, journal, details);
    }

    /** Tells a caller we cannot take that all lines are busy (§8), and lets them hang up first (§17). */
    public void refuseBusy(CallPort call, CallJournal journal, CallDetails details) {
        run(Step.ALL_LINES_BUSY, call, journal, details);
    }

    /** §15: calls back a caller who asked for it ({@link CallDetails#callback()}), on a call we placed. */
    public void callBack(CallPort call, CallJournal journal, CallDetails details) {
        if (!details.outbound()) {
            throw new IllegalArgumentException("call " + details.uniqueId() + " is no call back");
        }
        run(Step.CALLING_BACK, call, journal, details);
    }

    /** The calls this node's flow is serving at this moment, longest first. */
    public List<CallInProgress> callsInProgress() {
        return inProgress.entrySet().stream()
                .map(call -> new CallInProgress(call.getValue().details(), call.getValue().since(),
                        call.getKey().currentStep()))
                .sorted(Comparator.comparing(CallInProgress::since)).toList();
    }

    private void run(Step first, CallPort port, CallJournal journal, CallDetails details) {
        inProgress.put(journal, new CallInProgress(details, clock.instant(), first.id()));
        try {
            runSteps(first, port, journal, details);
        } finally {
            inProgress.remove(journal);
        }
    }

    private void runSteps(Step first, CallPort port, CallJournal journal, CallDetails details) {
        Conversation call = new Conversation(port, journal, settings, menu, festiveGreetings, lineCheck,
                numbersInPrompts, clock, details);
        Step step = first;
        Optional<Character> key = Optional.empty();
        while (true) {
            journal.step(step.id());
            Next next;
            try {
                next = step.situation().handle(call, key);
            } catch (CallerHungUpException e) {
                journal.ended(call.outcomeIfCallerHangsUp(), HungUpBy.CALLER);
                return;
            }
            if (!(next instanceof Next.GoTo goTo)) {
                if (!step.situation().mayEndTheCall()) {
                    throw new IllegalStateException(step + " ended the call, but its mayEndTheCall() says it does not");
                }
                end(port, journal, next);
                return;
            }
            if (!step.situation().leadsTo().contains(goTo.step())) {
                throw new IllegalStateException(step + " went to " + goTo.step() + ", not in its leadsTo()");
            }
            step = goTo.step();
            key = goTo.key();
        }
    }

    private static void end(CallPort port, CallJournal journal, Next end) {
        if (end instanceof Next.LeftUs left) {
            journal.ended(left.outcome(), null);
            return;
        }
        Next.HangUp hangUp = (Next.HangUp) end;
        try {
            port.hangup();
        } catch (CallerHungUpException e) {
            // The caller was quicker: they hung up first, as the standard would have it.
            journal.ended(hangUp.outcome(), HungUpBy.CALLER);
            return;
        }
        journal.ended(hangUp.outcome(), HungUpBy.HOTLINE);
    }
}
