package com.chengshi.hotline.callbacks;

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

    /** Still to be worked: the worklist shows these, and they can be overdue. */
    public boolean isOpen() {
        return this != REACHED && this != DONE;
    }

    /** The statuses a member of the team sets. */
    public static final CallbackStatus[] SET_BY_TEAM = {CALLED, NO_ANSWER, REACHED, DONE};

    /** The statuses the callback dialer calls: a new request, or one whose last attempt did not reach the customer. */
    public static final java.util.List<CallbackStatus> DIALLED = java.util.List.of(OPEN, NO_ANSWER, CALL_LATER);
}
