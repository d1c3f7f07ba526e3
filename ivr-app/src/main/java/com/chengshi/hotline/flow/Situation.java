package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** One situation of the standard: what the hotline does in it, and what comes next. */
interface Situation {

    /**
     * Handles the situation on {@code call}; {@code key} is what the caller pressed on the way here, if anything.
     *
     * @throws CallerHungUpException when the caller hangs up meanwhile (the runner ends the call)
     */
    Next handle(Conversation call, Optional<Character> key);

    /** Every step this situation may go to: the arrows of docs/flow.md; the runner refuses any other. */
    Set<Step> leadsTo();

    /** Whether this situation may end the call itself (hang up, or see it go elsewhere). */
    default boolean mayEndTheCall() {
        return false;
    }
}
