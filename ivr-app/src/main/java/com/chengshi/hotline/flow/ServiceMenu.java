package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** §9: the service menu by key; when its tries run out, an agent or a goodbye, as configured. */
final class ServiceMenu implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        FlowProperties.Menu settings = call.settings.menu();
        Menu menu = new Menu(Prompt.MENU, pressed -> option(call, pressed).isPresent(), settings.timeout(),
                settings.retries(), Prompt.MENU_NO_INPUT, Prompt.MENU_INVALID);
        if (menu.offer(call, key) instanceof Menu.Choice.Chose chose) {
            FlowProperties.Option option = option(call, chose.key()).orElseThrow();
            return switch (option.action()) {
                case INFO -> Next.to(Step.INFORMATION, Optional.of(chose.key()));
                case LOUDER -> Next.to(Step.CALLER_CANNOT_HEAR_US);
                case AGENT -> Next.to(Step.HOLD);
                case CALLBACK -> Next.to(Step.CALLBACK);
                case COMPLAINT -> Next.to(Step.COMPLAINT);
            };
        }
        call.journal.note("menu retries ran out");
        call.menuGaveUp = true;
        return settings.whenRetriesRunOut() == FlowProperties.WhenRetriesRunOut.AGENT ? Next.to(Step.HOLD)
                : Next.to(Step.GOODBYE);
    }

    static Optional<FlowProperties.Option> option(Conversation call, char key) {
        return call.menu.stream().filter(o -> o.key() == key).findFirst();
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.INFORMATION, Step.CALLER_CANNOT_HEAR_US, Step.HOLD, Step.CALLBACK, Step.COMPLAINT,
                Step.GOODBYE);
    }
}
