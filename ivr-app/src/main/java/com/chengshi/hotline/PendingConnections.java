package com.chengshi.hotline;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Connections that have not yet said who they are (an AGI environment, an AudioSocket uuid), at most {@code limit}
 * at once. Asterisk says it within milliseconds of connecting, so when one more arrives, the connection that has
 * waited longest gives way: a peer that opens idle connections by the hundred only ever closes its own, and cannot
 * keep Asterisk's out, as refusing newcomers would.
 *
 * @param <T> a connection
 */
public final class PendingConnections<T> {

    private final int limit;
    private final Set<T> waiting = new LinkedHashSet<>();

    public PendingConnections(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one connection must be able to wait, not " + limit);
        }
        this.limit = limit;
    }

    /** Lets {@code newcomer} wait; returns the connection that gives way for it, to be closed, if the limit is reached. */
    public synchronized Optional<T> admit(T newcomer) {
        Optional<T> givesWay = Optional.empty();
        if (waiting.size() >= limit) {
            Iterator<T> oldest = waiting.iterator();
            givesWay = Optional.of(oldest.next());
            oldest.remove();
        }
        waiting.add(newcomer);
        return givesWay;
    }

    /**
     * {@code connection} said who it is, or failed to: it waits no more. Call it before acting on what it said.
     *
     * @return false if it had already given way to a newcomer, and so is to be closed whatever it said
     */
    public synchronized boolean done(T connection) {
        return waiting.remove(connection);
    }
}
