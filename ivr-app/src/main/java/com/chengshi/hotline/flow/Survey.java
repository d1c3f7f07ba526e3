package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/**
 * The standard's measuring section asks for satisfaction: before the goodbye, a served caller is asked to rate the
 * service by key. Asked once: no key, or a key that is no answer, is no answer, never a loop.
 */
final class Survey implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        Menu rate = Menu.once(Prompt.SURVEY, pressed -> Satisfaction.byKey(pressed).isPresent(),
                call.settings.survey().keyWait());
        if (rate.offer(call, Optional.empty()) instanceof Menu.Choice.Chose chose) {
            call.journal.rated(Satisfaction.byKey(chose.key()).orElseThrow());
        }
        return Next.to(Step.GOODBYE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.GOODBYE);
    }
}
