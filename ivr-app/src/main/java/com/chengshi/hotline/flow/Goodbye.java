package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** §17: thank the caller and say goodbye; then they hang up first. */
final class Goodbye implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(Prompt.GOODBYE);
        return call.letCallerHangUpFirst(call.outcomeWhenDone(), call.settings.hangupGrace());
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }
}
