package com.chengshi.hotline.figures;

import com.chengshi.hotline.calllog.CallLog;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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
        this.callLog = new CallLog(jdbc, transactions, clock);
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
