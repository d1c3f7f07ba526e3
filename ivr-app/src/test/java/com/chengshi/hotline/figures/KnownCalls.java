package com.chengshi.hotline.figures;

import com.chengshi.hotline.callbacks.CallbackStatus;
import com.chengshi.hotline.callbacks.Callbacks;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.time.Duration.ofSeconds;

/**
 * Calls with known times written through the real call log, as the flow writes them: a clock the script sets, so
 * that every figure computed from them has a value worked out by hand.
 */
public final class KnownCalls implements AutoCloseable {

    public static final ZoneId HOTLINE_ZONE = ZoneId.of("Asia/Shanghai");

    private final SetClock clock = new SetClock();
    private final CallLog callLog;
    private final AtomicInteger calls = new AtomicInteger();

    public KnownCalls(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.callLog = new CallLog(jdbc, transactions, clock,
                new NodeProperties("known-calls", Duration.ofSeconds(10), Duration.ofMinutes(2)));
    }

    /** What happens in one call, each step {@code after} the previous. */
    public final class Script {
        private final CallJournal journal;

        private Script(CallJournal journal) {
            this.journal = journal;
        }

        public Script after(Duration wait) {
            clock.now = clock.now.plus(wait);
            return this;
        }

        public Script answered() {
            journal.answered();
            return this;
        }

        public Script step(String step) {
            journal.step(step);
            return this;
        }

        public Script prompt(String prompt) {
            journal.prompt(prompt);
            return this;
        }

        public Script heard(Verdict verdict) {
            journal.heard(new LineReport(verdict, -25, -60, 35, 900, 1500, null));
            return this;
        }

        public Script callback(String number) {
            journal.callbackRequested(FollowUp.CALLBACK, number, "/tmp/no-such-recording-" + calls.get());
            return this;
        }

        public Script rated(Satisfaction answer) {
            journal.rated(answer);
            return this;
        }

        public void ended(Outcome outcome, HungUpBy by) {
            journal.ended(outcome, by);
        }
    }

    /** A call reaching the hotline at {@code localTime} in its zone, from {@code channel}. */
    public void call(String localTime, String channel, Consumer<Script> script) {
        clock.now = LocalDateTime.parse(localTime).atZone(HOTLINE_ZONE).toInstant();
        int n = calls.incrementAndGet();
        callLog.record(new CallDetails("known-" + n, channel, "1380013800" + n, null, "100", 7, "zh-CN"),
                journal -> {
                    script.accept(new Script(journal));
                    return null;
                });
    }

    /**
     * Five calls on 20 and 21 November 2026 whose figures are worked out by hand (ServiceFiguresTest), and the one
     * callback among them reached two hours after it was promised.
     */
    public static void fiveCalls(JdbcClient db, PlatformTransactionManager transactions, Callbacks callbacks) {
        try (KnownCalls calls = new KnownCalls(db, transactions)) {
            // 09:10 a clear line, answered in 1 s, served.
            calls.call("2026-11-20T09:10:00", "PJSIP/trunk-a-00000001", c -> c.after(ofSeconds(1)).answered()
                    .step("greeting").prompt("greeting").step("line-check").after(ofSeconds(5)).heard(Verdict.CLEAR)
                    .step("survey").prompt("survey").rated(Satisfaction.SATISFIED)
                    .step("goodbye").after(ofSeconds(20)).prompt("goodbye").ended(Outcome.COMPLETED, HungUpBy.CALLER));
            // 09:40 answered only after 5 s, a silent line.
            calls.call("2026-11-20T09:40:00", "PJSIP/trunk-a-00000002", c -> c.after(ofSeconds(5)).answered()
                    .step("line-check").after(ofSeconds(5)).heard(Verdict.SILENT)
                    .ended(Outcome.SILENT_LINE, HungUpBy.HOTLINE));
            // 14:05 a noisy line, on hold for 30 s, gives up.
            calls.call("2026-11-20T14:05:00", "PJSIP/trunk-b-00000003", c -> c.answered().step("line-check")
                    .after(ofSeconds(5)).heard(Verdict.NOISY).step("hold").after(ofSeconds(5))
                    .prompt("hold-please-wait").after(ofSeconds(30)).ended(Outcome.CALLER_HUNG_UP, HungUpBy.CALLER));
            // 14:30 on hold for 60 s, then a callback is promised.
            calls.call("2026-11-20T14:30:00", "PJSIP/trunk-b-00000004", c -> c.answered().step("line-check")
                    .after(ofSeconds(5)).heard(Verdict.CLEAR).step("hold").after(ofSeconds(5))
                    .prompt("hold-please-wait").after(ofSeconds(60)).step("callback")
                    .prompt("callback-leave-name-and-question").callback("13800138000")
                    .step("survey").prompt("survey").step("goodbye")
                    .ended(Outcome.CALLBACK_REQUESTED, HungUpBy.CALLER));
            // The next day 10:00: put through by the agents' queue.
            calls.call("2026-11-21T10:00:00", "PJSIP/trunk-a-00000005", c -> c.answered().step("hold")
                    .prompt("hold-please-wait").after(ofSeconds(300)).ended(Outcome.TRANSFERRED, null));
        }
        long callbackId = db.sql("select id from callback_request").query(Long.class).single();
        callbacks.update(callbackId, CallbackStatus.CALLED, "no answer yet", "lin");
        // Reached two hours after the promise: inside the 4 h window.
        db.sql("update callback_update set changed_at = ? where callback_id = ?")
                .params(Timestamp.from(LocalDateTime.parse("2026-11-20T16:31:00").atZone(HOTLINE_ZONE)
                        .toInstant()), callbackId).update();
        callbacks.update(callbackId, CallbackStatus.REACHED, "called back, question answered", "lin");
        db.sql("update callback_update set changed_at = ? where callback_id = ? and status = 'REACHED'")
                .params(Timestamp.from(LocalDateTime.parse("2026-11-20T16:32:00").atZone(HOTLINE_ZONE)
                        .toInstant()), callbackId).update();
    }

    @Override
    public void close() {
        callLog.close();
    }

    private static final class SetClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
