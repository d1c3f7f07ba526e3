package com.chengshi.hotline.callbacks;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a promise to call back stands (§10, §12): open when the caller left it, then what the team did. A request
 * without a number ({@code NO_NUMBER}) promised nothing, but its question is worked like the rest.
 */
public enum CallbackStatus {
    OPEN,
    NO_NUMBER,
    CALLED,
    NO_ANSWER,
    REACHED,
    DONE,
    /** §15: the customer the dialer called back asked to be called again later; its next attempt will. */
    CALL_LATER,
    /** The dialer used all its attempts (hotline.dialer.max-attempts) without reaching the customer: the team's turn. */
    GAVE_UP;

    /** A promise kept: the customer was reached, or the team says it is done. */
    static final Set<CallbackStatus> KEPT = EnumSet.of(REACHED, DONE);

    /** Still to be worked: the worklist shows these, and they can be overdue. */
    public boolean isOpen() {
        return !KEPT.contains(this);
    }

    /** {@link #KEPT} as the list of an SQL {@code in (...)}. */
    public static String keptInSql() {
        return KEPT.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
    }

    /** The statuses a member of the team sets. */
    public static final CallbackStatus[] SET_BY_TEAM = {CALLED, NO_ANSWER, REACHED, DONE};

    /** The statuses the callback dialer calls: a new request, or one whose last attempt did not reach the customer. */
    public static final List<CallbackStatus> DIALLED = List.of(OPEN, NO_ANSWER, CALL_LATER);
}
