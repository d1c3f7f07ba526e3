package com.chengshi.hotline.flow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/**
 * §1: answer at once with a greeting that names the company and the seat: the season's on a festive day, else by the
 * time of day where configured, in the hotline's time zone.
 */
final class AnswerWithGreeting implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.call.answer();
        call.journal.answered();
        call.play(greetingForNow(call), "");
        return Next.to(Step.LINE_CHECK);
    }

    private static String greetingForNow(Conversation call) {
        LocalDate today = LocalDate.now(call.clock.withZone(call.settings.timeZone()));
        Optional<String> festive = call.festiveGreetings.stream().filter(greeting -> greeting.covers(today))
                .map(FlowProperties.FestiveGreeting::prompt).findFirst();
        if (festive.isPresent()) {
            return festive.get();
        }
        return timeOfDayGreeting(call).id();
    }

    private static Prompt timeOfDayGreeting(Conversation call) {
        if (!call.settings.greetByTimeOfDay()) {
            return Prompt.GREETING;
        }
        int hour = LocalTime.now(call.clock.withZone(call.settings.timeZone())).getHour();
        if (hour >= 5 && hour < 12) {
            return Prompt.GREETING_MORNING;
        }
        return hour >= 12 && hour < 18 ? Prompt.GREETING_AFTERNOON : Prompt.GREETING_EVENING;
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.LINE_CHECK);
    }
}
