package com.chengshi.hotline.flow;


import java.util.Optional;

/** What comes after a situation: another step, or the end of the call. */
sealed interface Next {

    /** Go on in {@code step}, with the key the caller pressed on the way if any. */
    record GoTo(Step step, Optional<Character> key) implements Next {
    }

    /** We end the call by hanging up. */
    record HangUp(Outcome outcome) implements Next {
    }

    /** The call goes on elsewhere (an agent took it): nobody hung up. */
    record LeftUs(Outcome outcome) implements Next {
    }

    static Next to(Step step) {
        return new GoTo(step, Optional.empty());
    }

    static Next to(Step step, Optional<Character> key) {
        return new GoTo(step, key);
    }
}
