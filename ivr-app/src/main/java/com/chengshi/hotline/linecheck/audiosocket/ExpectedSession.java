package com.chengshi.hotline.linecheck.audiosocket;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * A session the server waits for, from {@link AudioSocketServer#expect}. The owner runs {@code AudioSocket} with
 * {@link #applicationArguments()}, may {@link #end()} the window early, and after the application returns reads how
 * the session went with {@link #awaitEnd(Duration)}. Close it when done: a connection that arrives for a closed
 * session is refused. Safe to use from any thread.
 */
public final class ExpectedSession implements AutoCloseable {

    /** Long enough for a session we ended to see Asterisk's close, or give up waiting for it. */
    private static final Duration ENDING_WAIT = AudioSocketConnection.CLOSE_GRACE.multipliedBy(2);

    private enum State { PENDING, CONNECTED, WITHDRAWN }

    private final UUID uuid;
    private final AudioSocketListener listener;
    private final String applicationArguments;
    private final BiConsumer<UUID, ExpectedSession> forget;
    private final CompletableFuture<SessionEnd> outcome = new CompletableFuture<>();

    private State state = State.PENDING;
    private AudioSocketConnection connection;
    private boolean endRequested;

    ExpectedSession(UUID uuid, AudioSocketListener listener, String applicationArguments,
                    BiConsumer<UUID, ExpectedSession> forget) {
        this.uuid = uuid;
        this.listener = listener;
        this.applicationArguments = applicationArguments;
        this.forget = forget;
    }

    public UUID uuid() {
        return uuid;
    }

    /** The argument for the {@code AudioSocket} dialplan application: {@code <uuid>,<host>:<port>}. */
    public String applicationArguments() {
        return applicationArguments;
    }

    /**
     * Ends the listening window: sends Asterisk the hang-up frame, which ends its {@code AudioSocket} application
     * with the channel still up. Before the connection arrives, it makes the window end as soon as it does.
     * Does nothing once the session is over.
     */
    public void end() {
        AudioSocketConnection open;
        synchronized (this) {
            endRequested = true;
            open = connection;
        }
        if (open != null) {
            open.endWindow();
        }
    }

    /**
     * Waits up to {@code timeout} for the session to end, then settles it: a session that never connected is
     * withdrawn ({@link SessionEnd#NOT_CONNECTED}); one still open is ended by us. When this returns, the session is
     * over and its listener has had {@link AudioSocketListener#onEnd} (if it connected), so what the listener
     * recorded is visible to the caller. An interrupt settles it at once, keeping the interrupt flag.
     */
    public SessionEnd awaitEnd(Duration timeout) {
        SessionEnd ended = await(timeout);
        if (ended != null) {
            return ended;
        }
        if (withdraw()) {
            return SessionEnd.NOT_CONNECTED;
        }
        end();
        ended = await(ENDING_WAIT);
        return ended != null ? ended : SessionEnd.ERROR;
    }

    /** Withdraws the session if it has not connected, else ends its window; does not wait. */
    @Override
    public void close() {
        if (!withdraw()) {
            end();
        }
    }

    AudioSocketListener listener() {
        return listener;
    }

    /** Binds the session to the connection that named it; false if it was withdrawn or already taken. */
    synchronized boolean connect(AudioSocketConnection arrived) {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CONNECTED;
        connection = arrived;
        return true;
    }

    synchronized boolean endRequested() {
        return endRequested;
    }

    /** Records how the connected session ended; called by its connection after the listener's onEnd. */
    void ended(SessionEnd end) {
        outcome.complete(end);
    }

    /** Gives up on a session whose connection has not arrived; false if it has. */
    boolean withdraw() {
        synchronized (this) {
            if (state != State.PENDING) {
                return false;
            }
            state = State.WITHDRAWN;
        }
        forget.accept(uuid, this);
        outcome.complete(SessionEnd.NOT_CONNECTED);
        return true;
    }

    private SessionEnd await(Duration timeout) {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome.getNow(null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the session's outcome is never completed exceptionally", e);
        }
    }
}
