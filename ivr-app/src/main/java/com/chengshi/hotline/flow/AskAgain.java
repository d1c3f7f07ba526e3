package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/** §2, §3, §4: the line has a problem the caller can fix (speak, dial again, speak up): say so, and listen again. */
final class AskAgain implements Situation {

    private final Retry problem;
    private final Prompt words;

    AskAgain(Retry problem, Prompt words) {
        this.problem = problem;
        this.words = words;
    }

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.askAgain(problem);
        call.play(words);
        return Next.to(Step.LINE_CHECK);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.LINE_CHECK);
    }
}
