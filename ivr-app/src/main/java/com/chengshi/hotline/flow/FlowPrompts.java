package com.chengshi.hotline.flow;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the configured flow needs of the prompt catalogue, so that the catalogue's check can refuse what would leave a
 * caller in silence or pressing the wrong key: every prompt the flow may play (its own, the menu's {@code INFO}
 * prompts, the festive greetings), and the keys the menu offers, which its prompt must announce.
 *
 * @param menuKeys the menu's keys, or empty when only the flow's own prompts are known (no settings at hand)
 */
public record FlowPrompts(Set<String> ids, Set<Character> menuKeys) {

    /** The prompt whose words announce the menu's keys. */
    public static final String MENU = Prompt.MENU.id();

    /** The flow's own prompts only. */
    public static FlowPrompts builtIn() {
        return new FlowPrompts(Arrays.stream(Prompt.values()).map(Prompt::id).collect(Collectors.toSet()), Set.of());
    }

    /** Everything the flow configured by {@code settings} may play, and its menu's keys. */
    public static FlowPrompts of(FlowProperties settings) {
        Set<String> ids = new LinkedHashSet<>(builtIn().ids());
        settings.menu().parsedOptions().stream().filter(option -> option.prompt() != null)
                .forEach(option -> ids.add(option.prompt()));
        settings.parsedFestiveGreetings().forEach(greeting -> ids.add(greeting.prompt()));
        Set<Character> keys = settings.menu().parsedOptions().stream().map(FlowProperties.Option::key)
                .collect(Collectors.toSet());
        return new FlowPrompts(Set.copyOf(ids), keys);
    }
}
