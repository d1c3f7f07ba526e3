package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;
import java.time.Duration;

/**
 * §17: the caller hangs up first; only after the grace period do we. A key does not end the wait: only the caller
 * hanging up (the runner ends the call as the situation before decided) or the grace running out does.
 */
final class WaitForCallerToHangUp implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        long deadline = call.clock.millis() + call.grace().toMillis();
        for (long left = call.grace().toMillis(); left > 0; left = deadline - call.clock.millis()) {
            if (call.call.waitForDigit(Duration.ofMillis(left)).isEmpty()) {
                break;
            }
        }
        return new Next.HangUp(call.outcomeIfCallerHangsUp());
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of();
    }

    @Override
    public boolean mayEndTheCall() {
        return true;
    }
}
