package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/** §8: a call beyond capacity is answered and told all lines are busy, then hangs up first. */
final class AllLinesBusy implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.endsAs(Outcome.OVER_CAPACITY);
        call.call.answer();
        call.journal.answered();
        call.play(Prompt.ALL_LINES_BUSY);
        return call.letCallerHangUpFirst(Outcome.OVER_CAPACITY, call.settings.fallbackWait());
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }
}
