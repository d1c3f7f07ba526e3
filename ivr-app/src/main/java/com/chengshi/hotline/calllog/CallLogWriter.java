package com.chengshi.hotline.calllog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stores the call log's writes on one thread, every {@link #INTERVAL_MS} ms, all that are waiting in one transaction.
 * A call hands its writes over and goes on at once: no caller waits for the database between two AGI commands, the
 * writer is not woken for every write, and the writes of many calls share a commit. Order is kept: one queue, one
 * writer.
 */
final class CallLogWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallLogWriter.class);
    /** Short enough that the log trails the calls by a blink; long enough that a busy hotline commits in batches. */
    private static final long INTERVAL_MS = 5;
    private static final int MOST_IN_ONE_TRANSACTION = 1000;

    /** A point in the queue; done once everything before it is stored. */
    private record Barrier(CompletableFuture<Void> stored) implements Runnable {
        @Override
        public void run() {
            stored.complete(null);
        }
    }

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
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

    private void storeInOrder(List<Runnable> batch) {
        store(batch.stream().filter(write -> !(write instanceof Barrier)).toList());
        batch.stream().filter(Barrier.class::isInstance).forEach(Runnable::run);
    }

    private void store(List<Runnable> statements) {
        if (statements.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> statements.forEach(Runnable::run));
        } catch (RuntimeException batchFailed) {
            // One bad write must not cost the other calls theirs: store them one by one, losing only what fails.
            for (Runnable statement : statements) {
                try {
                    transactions.executeWithoutResult(status -> statement.run());
                } catch (RuntimeException e) {
                    log.error("A call-log write was lost: {}", e.getMessage());
                }
            }
        }
    }
}
