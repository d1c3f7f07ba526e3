package com.chengshi.hotline.calllog;

import com.chengshi.hotline.callbacks.CallbackStatus;
import com.chengshi.hotline.callbacks.Callbacks;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Retry;
import com.chengshi.hotline.flow.Satisfaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The call log, in H2 or in a PostgreSQL that several nodes share: opens a record per call, each saying which node
 * served it, and closes the ones a crash left open ({@link Nodes}). Everything a call writes, its
 * record's first row included, is written behind the call ({@link CallLogWriter}), so no call waits for the store
 * and none is refused while the store is down; {@link #record} waits for it at the two points a crash must not
 * undo: before a call is answered and before anyone is told how it ended.
 */
@Service
public class CallLog implements AutoCloseable {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String nodeId;
    private final Nodes nodes;
    private final CallLogWriter writer;

    public CallLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, NodeProperties node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.nodeId = node.nodeId();
        this.nodes = new Nodes(jdbc, new TransactionTemplate(transactions), clock, node);
        nodes.recoverOwnCalls();
        this.writer = new CallLogWriter(new TransactionTemplate(transactions));
        nodes.beat();
    }

    /** Why the call log takes no writes now, or empty while it does (health reads it). */
    public Optional<String> failing() {
        return Optional.ofNullable(writer.failing());
    }

    /** Writes kept in memory until the call log takes writes again. */
    public int keptWrites() {
        return writer.kept();
    }

    /** Returns once every write handed over so far is stored: a call is over only when its record is. */
    void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        nodes.close();
        writer.close();
    }

    /**
     * Runs one call with its record, and keeps the call log's two promises about it: the call's row is stored before
     * {@code call} runs (a call is recorded before it is answered, so a crash cannot lose a call the caller heard us
     * pick up), and everything it wrote is stored when {@code call} returns (before anyone is told how it ended).
     * While the store is down, each wait is at most one attempt to reach it, and the writes are kept for it.
     */
    public <T> T record(CallDetails details, Function<CallJournal, T> call) {
        CallJournal journal = open(details);
        flush();
        try {
            return call.apply(journal);
        } finally {
            flush();
        }
    }

    /**
     * Starts the record of a call that has just reached us. The row is inserted behind the call like every other
     * write, so a call is served and recorded even while the store takes no writes: its id is known once it is.
     */
    CallJournal open(CallDetails call) {
        List<String> cut = new ArrayList<>();
        Object[] values = {fit("unique_id", call.uniqueId(), 64, cut), fit("channel", call.channel(), 128, cut),
                fit("caller_number", call.callerNumber(), 64, cut), fit("caller_name", call.callerName(), 128, cut),
                fit("dialled_number", call.dialledNumber(), 64, cut), call.seat(),
                fit("language", call.language(), 16, cut), now(), nodeId, call.outbound() ? "OUT" : "IN",
                call.outbound() ? call.callback().requestId() : null,
                call.outbound() ? call.callback().attempt() : null};
        Record record = new Record(clock.millis(), call.callback());
        writer.write(() -> {
            var key = new GeneratedKeyHolder();
            jdbc.sql("""
                            insert into hotline_call (unique_id, channel, caller_number, caller_name, dialled_number,
                                                      seat, language, connected_at, node_id, direction,
                                                      callback_id, attempt)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(values)
                    .update(key, "id");
            record.callId = key.getKey().longValue();
        });
        // The caller controls their number and name on a SIP trunk: a value too long is cut, never a lost call.
        cut.forEach(record::note);
        return record;
    }

    /** {@code value} as it fits its column, with a note in {@code cut} when it did not. */
    private static String fit(String column, String value, int width, List<String> cut) {
        if (value == null || value.length() <= width) {
            return value;
        }
        cut.add(column + " cut from " + value.length() + " characters to " + width);
        return value.substring(0, width);
    }

    /**
     * An event's text cut to {@code width} characters and marked with an ellipsis: a write too wide for its column
     * would be refused by the store and lost. (The call's own values are cut plainly, and the cut noted, by fit.)
     */
    private static String within(String value, int width) {
        return value == null || value.length() <= width ? value : value.substring(0, width - 1) + "…";
    }

    /**
     * A call back that never reached the customer (busy, no answer, not placed): recorded like any call, as a row that
     * starts when it was dialled and ends now, and the request's status says so.
     */
    public void unanswered(CallDetails call, Instant dialledAt, Outcome outcome, String detail) {
        Record record = (Record) open(call);
        record.step("dialling");
        record.note(detail);
        OffsetDateTime dialled = OffsetDateTime.ofInstant(dialledAt, ZoneOffset.UTC);
        writer.write(() -> jdbc.sql("update hotline_call set connected_at = ? where id = ?")
                .params(dialled, record.callId).update());
        record.ended(outcome, null);
        flush();
    }

    /**
     * §15: where the request stands after an attempt to call it back: reached when an agent took the call, to be
     * called again when not, by the dialer that placed it. The dialer gives up after its last attempt.
     */
    private void calledBack(CallDetails.CallbackAttempt attempt, Outcome outcome, Instant at) {
        CallbackStatus status = switch (outcome) {
            case TRANSFERRED -> CallbackStatus.REACHED;
            case CALL_BACK_LATER -> CallbackStatus.CALL_LATER;
            default -> CallbackStatus.NO_ANSWER;
        };
        String note = "attempt " + attempt.attempt() + ": " + outcome;
        writer.write(() -> {
            // A request the team closed meanwhile stays closed; one the dialer gave up on is only ever reached.
            CallbackStatus now = jdbc.sql("select status from callback_request where id = ?")
                    .param(attempt.requestId()).query((rs, n) -> CallbackStatus.valueOf(rs.getString(1))).optional()
                    .orElse(CallbackStatus.DONE);
            if (CallbackStatus.DIALLED.contains(now) || now.isOpen() && status == CallbackStatus.REACHED) {
                Callbacks.change(jdbc, attempt.requestId(), status, note, "dialer@" + attempt.dialledBy(), at);
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private final class Record implements CallJournal {
        /**
         * Set by the insert and read by the writes after it, all on the writer's thread in order; a batch that is
         * rolled back and stored again sets it again.
         */
        private long callId;
        private final long startMillis;
        /** The callback request this call back is an attempt on, or null for a call to us. */
        private final CallDetails.CallbackAttempt callback;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Outcome outcome;
        private volatile String step = "connected";

        Record(long startMillis, CallDetails.CallbackAttempt callback) {
            this.startMillis = startMillis;
            this.callback = callback;
        }

        @Override
        public void answered() {
            OffsetDateTime at = now();
            writer.write(() -> jdbc.sql("update hotline_call set answered_at = ? where id = ?").params(at, callId)
                    .update());
            event(null, null, null, "answered");
        }

        /** A step is recorded with the events that happen in it: an event of its own would only double the writes. */
        @Override
        public void step(String step) {
            this.step = step;
        }

        @Override
        public void prompt(String promptId) {
            event(promptId, null, null, null);
        }

        @Override
        public void digits(String digits) {
            event(null, digits, null, null);
        }

        @Override
        public void heard(LineReport report) {
            writer.write(() -> jdbc.sql("""
                            update hotline_call set verdict = ?, speech_level_dbfs = ?, noise_floor_dbfs = ?, snr_db = ?
                            where id = ?""")
                    .params(report.verdict().name(), report.speechLevelDbfs(), report.noiseFloorDbfs(),
                            report.snrDb(), callId)
                    .update());
            event(null, report.digit() == null ? null : report.digit().toString(), report, null);
        }

        @Override
        public void note(String detail) {
            event(null, null, null, detail);
        }

        @Override
        public void retry(Retry kind) {
            String column = switch (kind) {
                case SILENT -> "silent_retries";
                case NOISY -> "noisy_retries";
                case QUIET -> "quiet_retries";
                case NO_INPUT -> "no_input_retries";
                case INVALID -> "invalid_retries";
            };
            writer.write(() -> jdbc.sql("update hotline_call set " + column + " = " + column + " + 1 where id = ?")
                    .param(callId)
                    .update());
        }

        @Override
        public void rated(Satisfaction answer) {
            writer.write(() -> jdbc.sql("update hotline_call set satisfaction = ? where id = ?")
                    .params(answer.name(), callId)
                    .update());
            event(null, null, null, "rated the service: " + answer);
        }

        @Override
        public void callbackRequested(FollowUp kind, String callbackNumber, String recording) {
            request(kind, callbackNumber, recording, "OPEN");
            event(null, callbackNumber, null, kind == FollowUp.CALLBACK ? "callback requested" : "complaint recorded");
        }

        @Override
        public void questionWithoutNumber(FollowUp kind, String recording) {
            request(kind, null, recording, "NO_NUMBER");
            event(null, null, null, kind.name().toLowerCase() + " left without a number to call back");
        }

        private void request(FollowUp kind, String callbackNumber, String recording, String status) {
            OffsetDateTime at = now();
            writer.write(() -> jdbc.sql("""
                            insert into callback_request (call_id, kind, callback_number, recording, status, created_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(callId, kind.name(), callbackNumber, recording, status, at)
                    .update());
        }

        @Override
        public void ended(Outcome outcome, HungUpBy hungUpBy) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            this.outcome = outcome;
            OffsetDateTime at = now();
            String endedInStep = step;
            writer.write(() -> jdbc.sql("""
                            update hotline_call set ended_at = ?, outcome = ?, hung_up_by = ?, ended_in_step = ?
                            where id = ?""")
                    .params(at, outcome.name(), hungUpBy == null ? null : hungUpBy.name(), endedInStep, callId)
                    .update());
            event(null, null, null, "ended " + outcome + (hungUpBy == null ? "" : ", hung up by " + hungUpBy));
            if (callback != null) {
                calledBack(callback, outcome, at.toInstant());
            }
        }

        @Override
        public String currentStep() {
            return step;
        }

        @Override
        public Outcome outcome() {
            return outcome;
        }

        private void event(String prompt, String digits, LineReport report, String detail) {
            long offset = clock.millis() - startMillis;
            String inStep = step;
            writer.write(() -> jdbc.sql("""
                            insert into call_event (call_id, offset_ms, step, prompt, digits, verdict,
                                                    speech_level_dbfs, noise_floor_dbfs, snr_db, decision_ms, detail)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(callId, offset, inStep, within(prompt, 64), within(digits, 64),
                            report == null ? null : report.verdict().name(),
                            report == null ? null : report.speechLevelDbfs(),
                            report == null ? null : report.noiseFloorDbfs(),
                            report == null ? null : report.snrDb(),
                            report == null ? null : report.decisionMs(),
                            within(detail, 512))
                    .update());
        }
    }
}
