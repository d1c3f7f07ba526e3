package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/**
 * §15: a called-back customer who has time now is put through to the agents' queue, told first (§10). When no agent
 * takes them in time, they hear we will call again, and the dialer's next attempt does.
 */
final class PutThrough implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        FlowProperties.Hold hold = call.settings.hold();
        call.play(Prompt.HOLD_PLEASE_WAIT);
        if (hold.queue().isEmpty()) {
            call.journal.note("no agents' queue to put the call back through to (hotline.flow.hold.queue)");
        } else {
            QueueResult result = call.call.queue(hold.queue(), hold.maxWait());
            call.journal.note("queue " + hold.queue() + ": " + result);
            if (result == QueueResult.ANSWERED) {
                return new Next.LeftUs(Outcome.TRANSFERRED);
            }
        }
        call.endsAs(Outcome.CALL_BACK_LATER);
        call.play(Prompt.CALLING_BACK_NO_AGENT);
        return call.letCallerHangUpFirst(Outcome.CALL_BACK_LATER, call.settings.fallbackWait());
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }

    @Override
    public boolean mayEndTheCall() {
        return true;
    }
}
