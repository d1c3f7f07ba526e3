package com.chengshi.hotline.calllog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stores the call log's writes on one thread, as many as are waiting in one transaction. A call hands its writes
 * over and goes on at once, so no caller waits for the database between two AGI commands; under load the writes of
 * many calls share a commit. Order is kept: one queue, one writer.
 */
final class CallLogWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallLogWriter.class);
    private static final int MOST_IN_ONE_TRANSACTION = 500;

    /** A point in the queue; done once everything before it is stored. */
    private record Barrier(CompletableFuture<Void> stored, boolean last) implements Runnable {
        @Override
        public void run() {
            stored.complete(null);
        }
    }

    private final BlockingQueue<Runnable> pending = new LinkedBlockingQueue<>();
    private final TransactionTemplate transactions;
    private final Thread writer;

    CallLogWriter(TransactionTemplate transactions) {
        this.transactions = transactions;
        this.writer = new Thread(this::storeUntilClosed, "call-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void write(Runnable statement) {
        pending.add(statement);
    }

    /** Returns once every write handed over before this call is stored (or has failed and been reported). */
    void flush() {
        Barrier barrier = new Barrier(new CompletableFuture<>(), false);
        pending.add(barrier);
        barrier.stored().join();
    }

    /** Stores what is waiting, then stops the writer. */
    @Override
    public void close() {
        Barrier last = new Barrier(new CompletableFuture<>(), true);
        pending.add(last);
        last.stored().join();
    }

    private void storeUntilClosed() {
        List<Runnable> batch = new ArrayList<>();
        boolean closed = false;
        while (!closed) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending.drainTo(batch, MOST_IN_ONE_TRANSACTION - 1);
            store(batch.stream().filter(write -> !(write instanceof Barrier)).toList());
            for (Runnable write : batch) {
                if (write instanceof Barrier barrier) {
                    closed |= barrier.last();
                    barrier.run();
                }
            }
            batch.clear();
        }
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
