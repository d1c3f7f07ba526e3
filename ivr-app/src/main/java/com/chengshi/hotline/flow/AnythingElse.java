package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** §17: anything else? A key goes back to the menu; otherwise thanks and goodbye. */
final class AnythingElse implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        Menu anythingElse = Menu.once(Prompt.ANYTHING_ELSE, call.settings.anythingElseWait());
        return anythingElse.offer(call, Optional.empty()) instanceof Menu.Choice.Chose ? Next.to(Step.MENU)
                : Next.to(Step.GOODBYE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.MENU, Step.GOODBYE);
    }
}
