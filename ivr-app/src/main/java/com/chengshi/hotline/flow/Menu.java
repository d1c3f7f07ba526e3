package com.chengshi.hotline.flow;


import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A prompt that offers keys, as Adhearsion's {@code menu}: the caller's key when it is an option, or, once the tries
 * run out, that they gave up. No key and a key that is no option each have their own words (§9) and share one budget:
 * the offer is made at most 1 + {@code retries} times in a row.
 */
final class Menu {

    /** What the caller did with the offer. */
    sealed interface Choice {
        record Chose(char key) implements Choice {
        }

        record GaveUp() implements Choice {
        }
    }

    private final Prompt offer;
    private final Predicate<Character> isOption;
    private final Duration timeout;
    private final int retries;
    private final Prompt noInput;
    private final Prompt invalid;

    Menu(Prompt offer, Predicate<Character> isOption, Duration timeout, int retries, Prompt noInput, Prompt invalid) {
        this.offer = offer;
        this.isOption = isOption;
        this.timeout = timeout;
        this.retries = retries;
        this.noInput = noInput;
        this.invalid = invalid;
    }

    /** An offer made once, any key an option (e.g. "anything else?"): no words for no key or a wrong one. */
    static Menu once(Prompt offer, Duration timeout) {
        return once(offer, key -> true, timeout);
    }

    /** An offer made once, of the keys {@code isOption} takes. */
    static Menu once(Prompt offer, Predicate<Character> isOption, Duration timeout) {
        return new Menu(offer, isOption, timeout, 0, null, null);
    }

    /** Makes the offer; a key pressed before it ({@code pressedEarly}) is taken as the answer to it. */
    Choice offer(Conversation call, Optional<Character> pressedEarly) {
        Optional<Character> key = pressedEarly;
        for (int tries = 0; ; tries++) {
            if (key.isEmpty()) {
                key = call.play(offer, Conversation.ANY_KEY);
                if (key.isEmpty()) {
                    key = call.waitForKey(timeout);
                }
            }
            if (key.isPresent() && isOption.test(key.get())) {
                return new Choice.Chose(key.get());
            }
            if (tries == retries) {
                return new Choice.GaveUp();
            }
            call.askAgain(key.isEmpty() ? Retry.NO_INPUT : Retry.INVALID);
            call.play(key.isEmpty() ? noInput : invalid);
            key = Optional.empty();
        }
    }
}
