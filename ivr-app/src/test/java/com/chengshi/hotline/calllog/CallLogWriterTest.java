package com.chengshi.hotline.calllog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer behind the calls when its store fails: a store that is down keeps the writes; a bad write is lost. */
class CallLogWriterTest {

    /**
     * A store that fails every transaction while it is down, as H2 does once its disk is full, and keeps a
     * transaction's rows only if all of it succeeds.
     */
    private static final class Store extends TransactionTemplate {
        final List<String> rows = new CopyOnWriteArrayList<>();
        final List<Integer> transactionSizes = new CopyOnWriteArrayList<>();
        private final List<String> inTransaction = new java.util.ArrayList<>();
        volatile boolean down;

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            if (down) {
                throw new DataAccessResourceFailureException("No space left on device");
            }
            inTransaction.clear();
            T result = action.doInTransaction(new SimpleTransactionStatus());
            rows.addAll(inTransaction);
            if (!inTransaction.isEmpty()) {
                transactionSizes.add(inTransaction.size());
            }
            return result;
        }

        void insert(String row) {
            inTransaction.add(row);
        }
    }

    private final Store store = new Store();
    private final CallLogWriter writer = new CallLogWriter(store);
    private final List<String> stored = store.rows;

    @AfterEach
    void close() {
        store.down = false;
        writer.close();
    }

    private void write(String what) {
        writer.write(() -> store.insert(what));
    }

    @Test
    void whileTheStoreTakesNoWritesTheyAreKeptAndStoredInOrderWhenItDoes() {
        write("call 1 opened");
        writer.flush();
        store.down = true;

        write("call 1 greeting");
        write("call 1 ended");
        writer.flush();

        assertThat(stored).containsExactly("call 1 opened");
        assertThat(writer.failing()).isEqualTo("No space left on device");
        assertThat(writer.kept()).isEqualTo(2);

        store.down = false;
        write("call 2 greeting");
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 4);

        assertThat(stored).containsExactly("call 1 opened", "call 1 greeting", "call 1 ended", "call 2 greeting");
        assertThat(writer.failing()).isNull();
        assertThat(writer.kept()).isZero();
    }

    @Test
    void aWriteTheStoreRefusesIsLostAloneAndTheOthersAreStored() {
        write("call 1 greeting");
        writer.write(() -> {
            throw new IllegalStateException("value too long for column");
        });
        write("call 1 ended");
        writer.flush();

        assertThat(stored).containsExactly("call 1 greeting", "call 1 ended");
        assertThat(writer.failing()).isNull();
        assertThat(writer.kept()).isZero();
    }

    @Test
    void writesWaitingTogetherShareOneTransactionInTheOrderTheyCame() throws InterruptedException {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Hold the writer in a first transaction so that the next writes queue up behind it.
        writer.write(() -> {
            storing.countDown();
            awaitQuietly(release);
            store.insert("call 1 opened");
        });
        storing.await();
        for (int n = 1; n <= 50; n++) {
            write("call 2 event " + n);
        }
        release.countDown();
        writer.flush();

        assertThat(store.transactionSizes).containsExactly(1, 50);
        assertThat(stored.get(1)).isEqualTo("call 2 event 1");
        assertThat(stored.get(50)).isEqualTo("call 2 event 50");
    }

    @Test
    void aFlushReturnsOnlyOnceEverythingBeforeItIsStored() {
        for (int n = 1; n <= 20; n++) {
            write("event " + n);
        }
        writer.flush();

        assertThat(stored).hasSize(20).endsWith("event 20");
    }

    @Test
    void afterCloseAFlushStillStoresWhatIsHandedOver() {
        writer.close();
        write("a write that came late");
        writer.flush();

        assertThat(stored).containsExactly("a write that came late");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
