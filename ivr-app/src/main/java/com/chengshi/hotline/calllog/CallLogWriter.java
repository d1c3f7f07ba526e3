package com.chengshi.hotline.calllog;

import com.chengshi.hotline.Throttled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stores the call log's writes on one thread, every {@link #INTERVAL_MS} ms, all that are waiting in one transaction.
 * A call hands its writes over and goes on at once: no caller waits for the database between two AGI commands, the
 * writer is not woken for every write, and the writes of many calls share a commit. A flush (a call about to be
 * answered, or ended) does not wait for the tick: it asks for a store at once. Order is kept: one queue, one writer.
 */
final class CallLogWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallLogWriter.class);
    /** Short enough that the log trails the calls by a blink; long enough that a busy hotline commits in batches. */
    private static final long INTERVAL_MS = 5;
    /**
     * Every commit writes a chunk of H2's file (WRITE_DELAY=0): when a thousand calls end at once, 1,000 a commit made
     * their ends wait 1.1–1.6 s, 10,000 0.6–0.7 s (AgiLoadBenchmark, instant replies).
     */
    private static final int MOST_IN_ONE_TRANSACTION = 10_000;
    /** About an hour of a busy hotline's events, a few MB: the bound on what a store that is down can cost. */
    static final int MOST_KEPT = 100_000;
    /** While the store takes no writes, it is tried again this often, not at every tick. */
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    /** A point in the queue; done once everything before it is stored. */
    private record Barrier(CompletableFuture<Void> stored) implements Runnable {
        @Override
        public void run() {
            stored.complete(null);
        }
    }

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean storeRequested = new AtomicBoolean();
    /**
     * Writes the store would not take while every write failed (a full disk, a closed database): kept in order, up to
     * {@link #MOST_KEPT}, and stored first once it takes writes again. Only the writer thread touches it.
     */
    private final Deque<Runnable> kept = new ArrayDeque<>();
    private final Throttled lost = new Throttled(log, Duration.ofSeconds(10));
    private volatile String failing;
    /** {@code kept}'s size for health, which reads it from another thread while the writer works on it. */
    private volatile int keptCount;
    private long nextAttemptNanos;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "call-log-writer");
        thread.setDaemon(true);
        return thread;
    });

    CallLogWriter(TransactionTemplate transactions) {
        this.transactions = transactions;
        writer.scheduleWithFixedDelay(this::storePending, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    void write(Runnable statement) {
        pending.add(statement);
    }

    /** Returns once every write handed over before this call is stored (or has failed and been reported). */
    void flush() {
        Barrier barrier = new Barrier(new CompletableFuture<>());
        pending.add(barrier);
        if (writer.isShutdown()) {
            storePending();
        } else if (storeRequested.compareAndSet(false, true)) {
            // Someone waits: store now rather than at the next tick. Flushes that come while this store is queued
            // share it, so a burst of calls ending at once costs one commit after another, not one each.
            writer.execute(() -> {
                storeRequested.set(false);
                storePending();
            });
        }
        barrier.stored().join();
    }

    /** Stores what is waiting, then stops the writer. */
    @Override
    public void close() {
        flush();
        writer.shutdown();
    }

    private synchronized void storePending() {
        List<Runnable> batch = new ArrayList<>();
        for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
            batch.add(next);
            if (batch.size() == MOST_IN_ONE_TRANSACTION) {
                storeInOrder(batch);
                batch.clear();
            }
        }
        storeInOrder(batch);
    }

    /** Why the store takes no writes now (the last error), or null while it does. */
    String failing() {
        return failing;
    }

    /** Writes waiting for the store to take them again. */
    int kept() {
        return keptCount;
    }

    private void storeInOrder(List<Runnable> batch) {
        List<Runnable> statements = new ArrayList<>(kept);
        kept.clear();
        batch.stream().filter(write -> !(write instanceof Barrier)).forEach(statements::add);
        store(statements);
        keptCount = kept.size();
        // A flush returns once its writes are stored, or kept for the store's return and reported.
        batch.stream().filter(Barrier.class::isInstance).forEach(Runnable::run);
    }

    private void store(List<Runnable> statements) {
        if (statements.isEmpty()) {
            return;
        }
        if (failing != null && System.nanoTime() < nextAttemptNanos) {
            kept.addAll(statements);
            trimKept();
            return;
        }
        try {
            transactions.executeWithoutResult(status -> statements.forEach(Runnable::run));
            recovered();
            return;
        } catch (RuntimeException batchFailed) {
            // Store them one by one: one bad write must not cost the other calls theirs.
        }
        List<Runnable> failed = new ArrayList<>();
        RuntimeException last = null;
        for (int i = 0; i < statements.size(); i++) {
            Runnable statement = statements.get(i);
            try {
                transactions.executeWithoutResult(status -> statement.run());
            } catch (RuntimeException e) {
                if (i == 0 && failing != null) {
                    // Still down: the first write tells, the others need not be tried one by one.
                    keep(statements, e);
                    return;
                }
                failed.add(statement);
                last = e;
            }
        }
        if (failed.isEmpty() || failed.size() < statements.size()) {
            recovered();
        }
        if (failed.size() == statements.size()) {
            keep(failed, last);
        } else if (!failed.isEmpty()) {
            // The store took the others: these writes are at fault, and retrying them would fail for ever.
            log.error("{} call-log write(s) refused by the store and lost: {}", failed.size(), last.getMessage());
        }
    }

    private void keep(List<Runnable> failed, RuntimeException cause) {
        // The deepest cause says what is wrong ("No space left on device"), Spring's wrapper only that a commit failed.
        String why = String.valueOf(NestedExceptionUtils.getMostSpecificCause(cause).getMessage());
        if (failing == null) {
            log.error("The call log takes no writes ({}); keeping them in memory, up to {}, until it does", why,
                    MOST_KEPT);
        }
        failing = why;
        nextAttemptNanos = System.nanoTime() + RETRY_EVERY.toNanos();
        kept.addAll(failed);
        trimKept();
    }

    private void trimKept() {
        while (kept.size() > MOST_KEPT) {
            kept.removeFirst();
            lost.warn("The call log still takes no writes and {} are kept: the oldest are lost", MOST_KEPT);
        }
    }

    private void recovered() {
        if (failing != null) {
            log.warn("The call log takes writes again; what was kept is stored");
            failing = null;
        }
    }
}
