package com.chengshi.hotline.flow;


import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * §10 and §8: tell the caller before they wait, keep them informed while they do, and when no agent comes in time
 * (or the caller asks for it) take a callback request, so that nobody waits without a plan.
 */
final class Hold implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(Prompt.HOLD_PLEASE_WAIT);
        FlowProperties.Hold hold = call.settings.hold();
        if (hold.queue().isEmpty()) {
            waitOnHold(call, hold);
        } else {
            QueueResult result = call.call.queue(hold.queue(), hold.maxWait());
            call.journal.note("queue " + hold.queue() + ": " + result);
            if (result == QueueResult.ANSWERED) {
                return new Next.LeftUs(Outcome.TRANSFERRED);
            }
        }
        // §10: coming back to a caller who waited.
        call.play(Prompt.HOLD_SORRY_KEPT_WAITING);
        return Next.to(Step.CALLBACK);
    }

    /** Hold music in stretches, a word between them, until the longest wait or the callback key. */
    private static void waitOnHold(Conversation call, FlowProperties.Hold hold) {
        String callbackKey = String.valueOf(hold.callbackKey());
        long waited = 0;
        while (waited < hold.maxWait().toMillis()) {
            Duration stretch = Duration.ofMillis(Math.min(hold.reminderEvery().toMillis(),
                    hold.maxWait().toMillis() - waited));
            call.call.startHoldMusic(hold.musicClass());
            Optional<Character> key = call.call.waitForDigit(stretch);
            call.call.stopHoldMusic();
            waited += stretch.toMillis();
            if (key.isEmpty() && waited < hold.maxWait().toMillis()) {
                key = call.play(Prompt.HOLD_STILL_WAITING, callbackKey);
            }
            if (key.isPresent() && key.get() == hold.callbackKey()) {
                call.journal.digits(callbackKey);
                return;
            }
        }
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.CALLBACK);
    }

    @Override
    public boolean mayEndTheCall() {
        return true;
    }
}
