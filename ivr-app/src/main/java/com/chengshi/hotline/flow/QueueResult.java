package com.chengshi.hotline.flow;

/** How a wait in the agents' queue ended, when the caller did not hang up in it (that ends the call). */
public enum QueueResult {
    /** An agent took the call; it is over for us when the agent is done. */
    ANSWERED,
    /** Nobody answered within the longest wait. */
    TIMED_OUT,
    /** No agent is logged in or available. */
    NO_AGENTS,
    /** The queue holds as many callers as it may. */
    FULL
}
