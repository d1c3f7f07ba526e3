package com.chengshi.hotline;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Connections that have not yet said who they are (an AGI environment, an AudioSocket uuid), at most {@code limit}
 * at once. Asterisk says it as it connects, so when one more arrives, the connection that has waited longest with
 * nothing unread gives way: a peer that opens idle connections by the hundred only ever closes its own, and cannot
 * keep Asterisk's out, as refusing newcomers would. Asterisk's connection, whose words are in the socket before its
 * thread gets to read them, is passed over while any idle one is left; only when all have something unread does the
 * longest waiting give way.
 *
 * @param <T> a connection
 */
public final class PendingConnections<T> {

    private final int limit;
    private final Function<T, Socket> socketOf;
    private final Set<T> waiting = new LinkedHashSet<>();

    public PendingConnections(int limit, Function<T, Socket> socketOf) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one connection must be able to wait, not " + limit);
        }
        this.limit = limit;
        this.socketOf = socketOf;
    }

    /** Lets {@code newcomer} wait; returns the connection that gives way for it, to be closed, at the limit. */
    public synchronized Optional<T> admit(T newcomer) {
        Optional<T> givesWay = Optional.empty();
        if (waiting.size() >= limit) {
            T chosen = waiting.stream().filter(connection -> !hasUnreadInput(connection)).findFirst()
                    .orElseGet(() -> waiting.iterator().next());
            waiting.remove(chosen);
            givesWay = Optional.of(chosen);
        }
        waiting.add(newcomer);
        return givesWay;
    }

    /** Whether bytes have arrived that its thread has not read yet; asking does not wait for that thread. */
    private boolean hasUnreadInput(T connection) {
        try {
            return socketOf.apply(connection).getInputStream().available() > 0;
        } catch (IOException e) {
            return false;
        }
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
