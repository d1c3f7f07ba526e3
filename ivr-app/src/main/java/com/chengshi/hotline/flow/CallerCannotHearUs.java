package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/** §6: apologise, raise our volume and ask again; at the highest volume the line itself may be at fault. */
final class CallerCannotHearUs implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        FlowProperties.Volume volume = call.settings.volume();
        if (call.volume >= volume.max()) {
            call.play(Prompt.LOUDER_LINE_PROBLEM);
            call.play(Prompt.GOODBYE);
            return call.letCallerHangUpFirst(Outcome.LINE_PROBLEM, call.settings.hangupGrace());
        }
        call.play(Prompt.SORRY);
        call.volume = Math.min(call.volume + volume.step(), volume.max());
        call.call.setTalkVolume(call.volume);
        call.journal.note("talk volume " + call.volume);
        call.play(Prompt.LOUDER_IS_THIS_BETTER);
        return Next.to(Step.MENU);
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.MENU, Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }
}
