package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/**
 * §17: anything else? A key goes back to the menu, and a key that is a menu option is that choice (a caller who knows
 * the menu need not hear it again); otherwise the survey, when it is on, and thanks and goodbye.
 */
final class AnythingElse implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        Menu anythingElse = Menu.once(Prompt.ANYTHING_ELSE, call.settings.anythingElseWait());
        if (anythingElse.offer(call, Optional.empty()) instanceof Menu.Choice.Chose chose) {
            return ServiceMenu.option(call, chose.key()).isPresent() ? Next.to(Step.MENU, Optional.of(chose.key()))
                    : Next.to(Step.MENU);
        }
        return call.settings.survey().enabled() ? Next.to(Step.SURVEY) : Next.to(Step.GOODBYE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.MENU, Step.SURVEY, Step.GOODBYE);
    }
}
