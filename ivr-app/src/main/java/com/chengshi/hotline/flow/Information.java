package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/**
 * A menu key that plays information (opening hours, who we are and our number, say), then "anything else?". §11: when
 * it reads out a number, the caller is first asked whether they can note it down, and may hear it again.
 */
final class Information implements Situation {

    private static final char HEAR_IT_AGAIN = '1';

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        String prompt = ServiceMenu.option(call, key.orElseThrow()).orElseThrow().prompt();
        if (!call.numbersInPrompts.readsOutANumber(prompt)) {
            call.play(prompt, "");
            return Next.to(Step.ANYTHING_ELSE);
        }
        // Whether they press a key when ready or just wait, the number comes: the question gives them the moment.
        Menu.once(Prompt.NOTE_THIS_DOWN, call.settings.noteDownWait()).offer(call, Optional.empty());
        Menu hearItAgain = Menu.once(Prompt.HEAR_IT_AGAIN, pressed -> pressed == HEAR_IT_AGAIN,
                call.settings.menu().timeout());
        for (int heard = 0; heard <= call.settings.hearAgainTimes(); heard++) {
            call.play(prompt, "");
            if (heard == call.settings.hearAgainTimes()
                    || !(hearItAgain.offer(call, Optional.empty()) instanceof Menu.Choice.Chose)) {
                break;
            }
        }
        return Next.to(Step.ANYTHING_ELSE);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.ANYTHING_ELSE);
    }
}
