package com.chengshi.hotline.faults;

import com.chengshi.hotline.PostgresTestDatabase;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.linecheck.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hotline nodes, each its own process, on one PostgreSQL call log: callers on whole calls on both, node A killed
 * with -9 while calls are in progress on both, then started again while node B's callers are still on their calls.
 * Node A's start closes only its own cut-off calls, as INTERRUPTED; node B's calls go on to their ends untouched;
 * every call that reached either node has exactly one row, with the outcome Asterisk was told.
 */
class TwoNodesOnePostgresTest {

    private static final int CALLERS_PER_NODE = 3;

    @TempDir
    Path work;

    @Test
    void aKilledNodeClosesOnlyItsOwnCallsWhenItComesBackAndTheOtherNodesCallsEndUntouched() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            short[] voice = WavFiles.readTelephone(Corpus.directory().resolve("clear-001.wav"));
            List<PhoneCall.Result> madeToA = Collections.synchronizedList(new ArrayList<>());
            List<PhoneCall.Result> madeToB = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newCachedThreadPool();
            Instant killedAt;
            long openOnBAfterRestart;
            long interruptedOnBAfterRestart;
            JdbcClient db = JdbcClient.create(database.dataSource());
            try (HotlineProcess nodeB = node("node-b", database)) {
                HotlineProcess nodeA = node("node-a", database);
                AtomicBoolean stopA = new AtomicBoolean();
                AtomicBoolean stopB = new AtomicBoolean();
                List<Future<?>> callersA = callContinuously(threads, nodeA.agiPort, "a", voice, stopA, madeToA);
                List<Future<?>> callersB = callContinuously(threads, nodeB.agiPort, "b", voice, stopB, madeToB);
                awaitCalls(madeToA, madeToB);

                killedAt = Instant.now();
                nodeA.kill();
                stopA.set(true);
                for (Future<?> caller : callersA) {
                    caller.get(1, TimeUnit.MINUTES);
                }
                // Node A comes back while node B's callers are still on their calls: its start closes its own.
                try (HotlineProcess restarted = node("node-a", database)) {
                    openOnBAfterRestart = db.sql("select count(*) from hotline_call where node_id = 'node-b' "
                            + "and ended_at is null").query(Long.class).single();
                    interruptedOnBAfterRestart = db.sql("select count(*) from hotline_call where node_id = 'node-b' "
                            + "and outcome = 'INTERRUPTED'").query(Long.class).single();
                    // Every call answered and cut off is closed; so is one whose row was stored but whose ANSWER
                    // the kill beat, and not one that was never told how it ended.
                    Matcher closed = Pattern.compile("Closed (\\d+) call\\(s\\) left open by an earlier run of node"
                            + " node-a as INTERRUPTED").matcher(restarted.output());
                    assertThat(closed.find()).as(restarted.output()).isTrue();
                    assertThat(Long.parseLong(closed.group(1))).isBetween(
                            madeToA.stream().filter(call -> call.answered() && call.toldOutcome() == null).count(),
                            madeToA.stream().filter(call -> call.toldOutcome() == null).count());
                }
                stopB.set(true);
                for (Future<?> caller : callersB) {
                    caller.get(1, TimeUnit.MINUTES);
                }
            }
            threads.shutdown();
            assertThat(openOnBAfterRestart).as("node B's calls in progress when node A had started again")
                    .isPositive();
            assertThat(interruptedOnBAfterRestart).as("node B's calls closed by node A's start").isZero();

            Map<String, Map<String, Object>> rows = db.sql("select unique_id, node_id, outcome, connected_at, ended_at from hotline_call").query()
                    .listOfRows().stream().collect(Collectors.toMap(row -> (String) row.get("unique_id"),
                            Function.identity()));
            List<PhoneCall.Result> reachedA = madeToA.stream().filter(PhoneCall.Result::answered).toList();
            List<PhoneCall.Result> reachedB = madeToB.stream().filter(PhoneCall.Result::answered).toList();
            // A row is stored before the ANSWER: every call answered has one, and a call the kill caught between
            // the two has one too (INTERRUPTED, below); no row is for a call never made, none is twice.
            assertThat(rows.keySet()).as("a row for every call answered").containsAll(Stream.concat(
                    reachedA.stream(), reachedB.stream()).map(PhoneCall.Result::uniqueId).toList());
            assertThat(rows.keySet()).as("no row but for a call made").isSubsetOf(Stream.concat(madeToA.stream(),
                    madeToB.stream()).map(PhoneCall.Result::uniqueId).toList());
            madeToA.stream().filter(call -> !call.answered() && rows.containsKey(call.uniqueId()))
                    .forEach(call -> assertThat(rows.get(call.uniqueId())).as(call.uniqueId())
                            .containsEntry("outcome", "INTERRUPTED"));

            for (PhoneCall.Result call : reachedB) {
                assertThat(rows.get(call.uniqueId())).as(call.uniqueId())
                        .containsEntry("node_id", "node-b").containsEntry("outcome", call.toldOutcome());
            }
            assertThat(reachedB).as("node B's calls all ended as they went").allMatch(c -> c.toldOutcome() != null);
            assertThat(reachedB).as("node B had calls in progress when node A was killed").anyMatch(call ->
                    instant(rows.get(call.uniqueId()).get("connected_at")).isBefore(killedAt)
                            && instant(rows.get(call.uniqueId()).get("ended_at")).isAfter(killedAt));

            List<PhoneCall.Result> cutOff = reachedA.stream().filter(call -> call.toldOutcome() == null).toList();
            assertThat(cutOff).as("node A had calls in progress when it was killed").isNotEmpty();
            for (PhoneCall.Result call : reachedA) {
                assertThat(rows.get(call.uniqueId())).as(call.uniqueId()).containsEntry("node_id", "node-a")
                        .containsEntry("outcome", call.toldOutcome() == null ? "INTERRUPTED" : call.toldOutcome());
            }
        }
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private HotlineProcess node(String id, PostgresTestDatabase database) throws Exception {
        return HotlineProcess.startFromTestClasspath(work.resolve(id), work.resolve(id + "-sounds"),
                work.resolve(id + ".log"), "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(), "--hotline.node-id=" + id);
    }

    /** Callers on back-to-back calls to one node until {@code stop}; every call made is added to {@code made}. */
    private static List<Future<?>> callContinuously(ExecutorService threads, int agiPort, String prefix,
                                                    short[] voice, AtomicBoolean stop, List<PhoneCall.Result> made) {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CALLERS_PER_NODE; c++) {
            int caller = c;
            running.add(threads.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    made.add(new PhoneCall(agiPort, prefix + "-" + caller + "-" + n, voice, 40 + 30L * caller)
                            .call());
                }
            }));
        }
        return running;
    }

    /** Until both nodes have finished a few calls: the kill then comes with every caller in the middle of one. */
    private static void awaitCalls(List<PhoneCall.Result> madeToA, List<PhoneCall.Result> madeToB) {
        while (madeToA.size() < CALLERS_PER_NODE || madeToB.size() < CALLERS_PER_NODE) {
            HotlineProcess.pause(50);
        }
    }
}
