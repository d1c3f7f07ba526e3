package com.chengshi.hotline.calllog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The nodes that share the call log, each with its row in {@code hotline_node}; a node's row is the claim on closing
 * its calls, so that this is done once. A node that starts closes its own calls a crash left open while its row is
 * locked by its update. Every heartbeat it says it is alive and claims the rows of the nodes silent for longer than
 * {@code hotline.node-dead-after} with {@code FOR UPDATE SKIP LOCKED}: of the nodes looking at once, one closes a dead
 * node's calls and the others pass it by without waiting. A node never closes the calls of a node that is alive.
 */
final class Nodes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Nodes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final NodeProperties node;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "call-log-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    Nodes(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, NodeProperties node) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.node = node;
    }

    /** At start: this node says it is alive and closes the calls an earlier run of it left open. */
    void recoverOwnCalls() {
        int closed = transactions.execute(status -> {
            alive(true);
            return closeOpenCalls(node.nodeId(), true);
        });
        if (closed > 0) {
            log.warn("Closed {} call(s) left open by an earlier run of node {} as INTERRUPTED, each at its last "
                    + "recorded event", closed, node.nodeId());
        }
    }

    /** Says it is alive and looks for dead nodes every heartbeat, until closed. */
    void beat() {
        long every = node.nodeHeartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                transactions.executeWithoutResult(status -> alive(false));
                closeDeadNodes();
            } catch (RuntimeException storeDown) {
                // The call log's writer reports a store that takes no writes; the next beat tries again.
                log.debug("Heartbeat of node {} not stored: {}", node.nodeId(), storeDown.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes the open calls of every node silent for longer than dead-after that no other node is closing right now,
     * and forgets those nodes. Returns how many nodes it took.
     */
    int closeDeadNodes() {
        OffsetDateTime silentSince = at(Instant.now(clock).minus(node.nodeDeadAfter()));
        return transactions.execute(status -> {
            List<String> dead = jdbc.sql("""
                            select node_id from hotline_node where seen_at < ? and node_id <> ?
                            for update skip locked""")
                    .params(silentSince, node.nodeId())
                    .query(String.class).list();
            for (String deadNode : dead) {
                int closed = closeOpenCalls(deadNode, false);
                jdbc.sql("delete from hotline_node where node_id = ?").param(deadNode).update();
                if (closed > 0) {
                    log.warn("Node {} has been silent for more than {}: node {} closed its {} open call(s) as "
                            + "INTERRUPTED, each at its last recorded event", deadNode, node.nodeDeadAfter(),
                            node.nodeId(), closed);
                }
            }
            return dead.size();
        });
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    /** This node's row, seen now; its update locks it until the transaction ends. */
    private void alive(boolean starting) {
        OffsetDateTime now = at(Instant.now(clock));
        int updated = jdbc.sql("update hotline_node set seen_at = ?" + (starting ? ", started_at = ?" : "")
                        + " where node_id = ?")
                .params(starting ? new Object[] {now, now, node.nodeId()} : new Object[] {now, node.nodeId()})
                .update();
        if (updated == 0) {
            // The first start of this node, or another node took it for dead while it could not reach the store.
            jdbc.sql("insert into hotline_node (node_id, started_at, seen_at) values (?, ?, ?)")
                    .params(node.nodeId(), now, now).update();
        }
    }

    /**
     * Calls with no end were cut off by a crash or a kill: they ended, their node just could not say so. Each is
     * closed as INTERRUPTED at its last recorded moment and in its last recorded step, which is as near to the truth
     * as the log knows, rather than at the time it is closed. {@code withUnnamed}: also the calls recorded before
     * calls named their node, which only a single node can have served.
     */
    private int closeOpenCalls(String nodeId, boolean withUnnamed) {
        record Open(long id, OffsetDateTime connectedAt, Long lastOffsetMs, String lastStep) {
        }
        List<Open> open = jdbc.sql("""
                        select c.id, c.connected_at,
                               (select max(e.offset_ms) from call_event e where e.call_id = c.id) as last_offset,
                               (select e.step from call_event e where e.call_id = c.id
                                order by e.id desc fetch first 1 row only) as last_step
                        from hotline_call c
                        where c.ended_at is null and (c.node_id = ?""" + (withUnnamed ? " or c.node_id is null)" : ")"))
                .param(nodeId)
                .query((row, n) -> new Open(row.getLong("id"), row.getObject("connected_at", OffsetDateTime.class),
                        row.getObject("last_offset", Long.class), row.getString("last_step")))
                .list();
        for (Open call : open) {
            OffsetDateTime endedAt = call.lastOffsetMs() == null ? call.connectedAt()
                    : call.connectedAt().plusNanos(call.lastOffsetMs() * 1_000_000);
            jdbc.sql("""
                            update hotline_call set ended_at = ?, outcome = 'INTERRUPTED', ended_in_step = ?
                            where id = ? and ended_at is null""")
                    .params(endedAt, call.lastStep() == null ? "connected" : call.lastStep(), call.id())
                    .update();
        }
        return open.size();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
