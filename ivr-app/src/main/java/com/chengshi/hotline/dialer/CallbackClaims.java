package com.chengshi.hotline.dialer;

import com.chengshi.hotline.callbacks.CallbackStatus;
import com.chengshi.hotline.callbacks.Callbacks;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The callback requests the dialer calls, in the database every node shares: a request is claimed by one node for
 * one attempt ({@code select ... for update skip locked}, so two nodes never take the same one), and the number it
 * dials is held unique while the call lasts, so no number gets two calls at once, from any node.
 */
final class CallbackClaims {

    /** A request claimed for its attempt {@code attempt}. */
    record Claim(long requestId, String number, int attempt, Instant requestedAt, String language) {
    }

    private static final String DIALLED = CallbackStatus.DIALLED.stream().map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String node;

    CallbackClaims(JdbcClient jdbc, TransactionTemplate transactions, String node) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.node = node;
    }

    String changedBy() {
        return "dialer@" + node;
    }

    /**
     * Claims the request due longest, for an attempt placed now: its attempts go up by one, its next attempt is not
     * before {@code spacing} from now. Empty when none is due, or the one due was taken by another node meanwhile.
     */
    Optional<Claim> claimNext(Instant now, int maxAttempts, Duration spacing) {
        try {
            return transactions.execute(status -> {
                Optional<Claim> due = jdbc.sql("""
                                select r.id, r.callback_number, r.attempts, r.created_at, r.call_id
                                  from callback_request r
                                 where r.kind = 'CALLBACK' and r.status in (%s) and r.callback_number is not null
                                   and r.dialling_number is null and r.attempts < ?
                                   and (r.next_attempt_at is null or r.next_attempt_at <= ?)
                                   and not exists (select 1 from callback_request o
                                                    where o.dialling_number = r.callback_number)
                                 order by coalesce(r.next_attempt_at, r.created_at), r.id
                                 fetch first 1 rows only
                                 for update skip locked""".formatted(DIALLED))
                        .params(maxAttempts, Timestamp.from(now))
                        .query((rs, n) -> new Claim(rs.getLong("id"), rs.getString("callback_number"),
                                rs.getInt("attempts") + 1, rs.getTimestamp("created_at").toInstant(),
                                language(rs.getLong("call_id"))))
                        .optional();
                due.ifPresent(claim -> jdbc.sql("""
                                update callback_request
                                   set attempts = attempts + 1, next_attempt_at = ?, dialling_number = callback_number,
                                       dialling_by = ?, dialling_since = ?
                                 where id = ?""")
                        .params(Timestamp.from(now.plus(spacing)), node, Timestamp.from(now), claim.requestId())
                        .update());
                return due;
            });
        } catch (DuplicateKeyException e) {
            // Another node began a call to the same number in the same moment: this request waits for the next poll.
            return Optional.empty();
        }
    }

    private String language(long callId) {
        return jdbc.sql("select language from hotline_call where id = ?").param(callId).query(String.class)
                .optional().orElse(null);
    }

    /** The call to {@code requestId} is over: its number may be called again. */
    void release(long requestId) {
        jdbc.sql("""
                        update callback_request set dialling_number = null, dialling_by = null, dialling_since = null
                         where id = ? and dialling_by = ?""")
                .params(requestId, node).update();
    }

    /**
     * Claims that no call holds any more: this node's own when it starts (it died mid-call), and any node's older
     * than {@code staleAfter} (that node died). Returns how many were released.
     */
    int releaseAbandoned(Instant now, Duration staleAfter, boolean ownToo) {
        return jdbc.sql("""
                        update callback_request set dialling_number = null, dialling_by = null, dialling_since = null
                         where dialling_number is not null and (dialling_since < ? or dialling_by = ?)""")
                .params(Timestamp.from(now.minus(staleAfter)), ownToo ? node : "")
                .update();
    }

    /** Requests whose every attempt is used without reaching the customer: marked GAVE_UP, for the team. */
    List<Long> giveUpExhausted(Instant now, int maxAttempts) {
        return transactions.execute(status -> {
            List<Long> exhausted = jdbc.sql("""
                            select id from callback_request
                             where kind = 'CALLBACK' and status in (%s) and dialling_number is null and attempts >= ?
                             for update skip locked""".formatted(DIALLED))
                    .param(maxAttempts).query(Long.class).list();
            exhausted.forEach(id -> Callbacks.change(jdbc, id, CallbackStatus.GAVE_UP,
                    "all " + maxAttempts + " attempts used without reaching the customer", changedBy(), now));
            return exhausted;
        });
    }
}
