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
    DONE;

    /** Still to be worked: the worklist shows these, and they can be overdue. */
    public boolean isOpen() {
        return this != REACHED && this != DONE;
    }

    /** The statuses a member of the team sets. */
    public static final CallbackStatus[] SET_BY_TEAM = {CALLED, NO_ANSWER, REACHED, DONE};
}
