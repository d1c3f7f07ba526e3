package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/** §2, steps 3–4: say goodbye, listen a little longer; a caller who speaks now is served after all. */
final class SilentLineGoodbye implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(Prompt.SILENT_GOODBYE);
        Optional<LineReport> lastChance = call.listen(call.settings.lastListen());
        if (lastChance.isEmpty() || lastChance.get().pressedKey() || lastChance.get().verdict() != Verdict.SILENT) {
            call.journal.note("caller spoke after the goodbye");
            return Next.to(Step.MENU, lastChance.map(LineReport::digit));
        }
        return new Next.HangUp(Outcome.SILENT_LINE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.MENU);
    }

    @Override
    public boolean mayEndTheCall() {
        return true;
    }
}
