package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/**
 * §2–4: listen to the caller. A clear line, a key, or a line we cannot listen to goes on to the menu; a silent, noisy
 * or faint one is asked again as often as configured, then said goodbye to.
 */
final class CheckTheLine implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        Optional<LineReport> heard = call.listen(call.settings.listenWindow());
        if (heard.isEmpty() || heard.get().pressedKey() || heard.get().verdict() == Verdict.CLEAR) {
            return Next.to(Step.MENU, heard.map(LineReport::digit));
        }
        FlowProperties settings = call.settings;
        return switch (heard.get().verdict()) {
            case SILENT -> call.timesAsked(Retry.SILENT) < settings.silentAskAgain() ? Next.to(Step.SILENT_LINE)
                    : Next.to(Step.SILENT_LINE_GOODBYE);
            case NOISY -> call.timesAsked(Retry.NOISY) < settings.noisyAskAgain() ? Next.to(Step.NOISY_LINE)
                    : Next.to(Step.NOISY_LINE_GOODBYE);
            case QUIET -> call.timesAsked(Retry.QUIET) < settings.quietAskAgain() ? Next.to(Step.QUIET_CALLER)
                    : Next.to(Step.QUIET_CALLER_GOODBYE);
            case CLEAR -> throw new IllegalStateException("a clear line goes to the menu");
        };
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.MENU, Step.SILENT_LINE, Step.SILENT_LINE_GOODBYE, Step.NOISY_LINE, Step.NOISY_LINE_GOODBYE,
                Step.QUIET_CALLER, Step.QUIET_CALLER_GOODBYE);
    }
}
