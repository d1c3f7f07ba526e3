package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/** §3, §4: the line stays bad: ask the caller to call from another phone, and let them hang up first. */
final class OtherPhoneGoodbye implements Situation {

    private final Prompt words;
    private final Outcome outcome;

    OtherPhoneGoodbye(Prompt words, Outcome outcome) {
        this.words = words;
        this.outcome = outcome;
    }

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(words);
        return call.letCallerHangUpFirst(outcome, call.settings.fallbackWait());
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }
}
