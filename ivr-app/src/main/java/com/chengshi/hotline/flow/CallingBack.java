package com.chengshi.hotline.flow;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * §15: calling back a caller who asked for it. Who calls, when the customer called us (today / yesterday, morning /
 * afternoon / evening, in the hotline's time zone: said in words, as the standard's 「您于XX时间致电我们」), and "is now a
 * good time?": one key puts them through to an agent, another asks us to call again later.
 */
final class CallingBack implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.call.answer();
        call.journal.answered();
        FlowProperties.CallingBack settings = call.settings.callingBack();
        call.play(Prompt.CALLING_BACK_HELLO);
        call.play(whenTheyCalled(call));
        Menu offer = new Menu(Prompt.CALLING_BACK_CONVENIENT,
                pressed -> pressed == settings.acceptKey() || pressed == settings.laterKey(), settings.keyWait(),
                settings.retries(), Prompt.MENU_NO_INPUT, Prompt.MENU_INVALID);
        Menu.Choice choice = offer.offer(call, Optional.empty());
        if (choice instanceof Menu.Choice.Chose chose && chose.key() == settings.acceptKey()) {
            return Next.to(Step.PUTTING_THROUGH);
        }
        Outcome outcome = choice instanceof Menu.Choice.Chose ? Outcome.CALL_BACK_LATER : Outcome.NOT_CONFIRMED;
        call.endsAs(outcome);
        call.play(Prompt.CALLING_BACK_LATER);
        return call.letCallerHangUpFirst(outcome, call.settings.fallbackWait());
    }

    /** The words for when the customer called: today or yesterday by part of the day, else "recently". */
    static Prompt whenTheyCalled(Conversation call) {
        ZonedDateTime requested = call.details.callback().requestedAt().atZone(call.settings.timeZone());
        LocalDate today = LocalDate.now(call.clock.withZone(call.settings.timeZone()));
        int hour = requested.getHour();
        int part = hour < 12 ? 0 : hour < 18 ? 1 : 2;
        if (requested.toLocalDate().equals(today)) {
            return new Prompt[]{Prompt.CALLING_BACK_TODAY_MORNING, Prompt.CALLING_BACK_TODAY_AFTERNOON,
                    Prompt.CALLING_BACK_TODAY_EVENING}[part];
        }
        if (requested.toLocalDate().equals(today.minusDays(1))) {
            return new Prompt[]{Prompt.CALLING_BACK_YESTERDAY_MORNING, Prompt.CALLING_BACK_YESTERDAY_AFTERNOON,
                    Prompt.CALLING_BACK_YESTERDAY_EVENING}[part];
        }
        return Prompt.CALLING_BACK_EARLIER;
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.PUTTING_THROUGH, Step.WAITING_FOR_CALLER_TO_HANG_UP);
    }
}
