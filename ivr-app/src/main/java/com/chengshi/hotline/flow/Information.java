package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** A menu key that plays information (opening hours, say): its prompt, then "anything else?". */
final class Information implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        FlowProperties.Option option = ServiceMenu.option(call, key.orElseThrow()).orElseThrow();
        call.play(option.prompt(), "");
        return Next.to(Step.ANYTHING_ELSE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.ANYTHING_ELSE);
    }
}
