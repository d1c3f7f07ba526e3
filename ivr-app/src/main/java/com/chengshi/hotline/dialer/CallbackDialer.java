package com.chengshi.hotline.dialer;

import com.chengshi.hotline.ServesCalls;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.Outcome;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * §15: keeps the promise "a colleague will contact you shortly". Within the service hours it claims the callback
 * requests due, calls each through Asterisk's Manager Interface into the callback context (whose FastAGI script says
 * the standard's words and puts the customer through to the agents), at most {@code max-concurrent} calls at once,
 * and places the next attempt {@code spacing} later when the customer was busy or did not answer, until
 * {@code max-attempts} are used. Every attempt is in the call log: one that never reached the customer as a row of its
 * own written here, an answered one by its FastAGI call.
 */
@Component
@ServesCalls
@ConditionalOnProperty(name = "hotline.dialer.enabled", havingValue = "true")
public class CallbackDialer implements SmartLifecycle, ManagerEventListener {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);
    /** The channel variable the Originate sets: the call back's AGI options, which the callback context passes on. */
    public static final String OPTIONS_VARIABLE = "HOTLINE_CALLBACK";
    /** What may go into a dial string: a number, never a header or a second channel. */
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9*#]{1,32}");

    private final DialerProperties settings;
    private final ZoneId zone;
    private final int seat;
    private final CallLog callLog;
    private final Clock clock;
    private final CallbackClaims claims;
    private final AmiConnection ami;
    private final String node;
    private final Semaphore lines;
    private final Map<String, Attempt> byActionId = new ConcurrentHashMap<>();
    private final Map<String, Attempt> byChannelId = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "callback-dialer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    /** Whether the last poll failed; touched only by the dialer's one scheduler thread. */
    private boolean pollsFailing;

    /** One attempt in progress: ringing, or answered and in the flow until its channel hangs up. */
    private static final class Attempt {
        final CallbackClaims.Claim claim;
        final String channelId;
        final String actionId;
        final String dialString;
        final Instant dialledAt;
        final AtomicBoolean over = new AtomicBoolean();
        volatile boolean answered;
        /** The hangup cause Asterisk gave the channel so far (17 busy, 19 no answer), if any. */
        volatile Integer cause;
        /** The reason of a failed Originate, once Asterisk has said it failed. */
        volatile Integer failedFor;

        Attempt(CallbackClaims.Claim claim, String channelId, String dialString, Instant dialledAt) {
            this.claim = claim;
            this.channelId = channelId;
            this.actionId = channelId;
            this.dialString = dialString;
            this.dialledAt = dialledAt;
        }
    }

    /** @param node this node: its hotline.node-id names it in the claims and the history ({@code dialer@<node>}) */
    public CallbackDialer(DialerProperties settings, FlowProperties flow, AgiProperties agi, NodeProperties node,
                          JdbcClient jdbc, PlatformTransactionManager transactions, CallLog callLog, Clock clock) {
        if (!settings.opensAt().isBefore(settings.closesAt())) {
            throw new IllegalArgumentException("hotline.dialer.opens-at must be before closes-at");
        }
        this.settings = settings;
        this.zone = flow.timeZone();
        this.seat = agi.defaultSeat();
        this.callLog = callLog;
        this.clock = clock;
        this.node = node.nodeId();
        this.claims = new CallbackClaims(jdbc, new TransactionTemplate(transactions), this.node);
        this.lines = new Semaphore(settings.maxConcurrent());
        this.ami = new AmiConnection(settings.ami(), this);
        if (flow.hold().queue().isEmpty()) {
            log.warn("hotline.flow.hold.queue is empty: customers called back cannot be put through to an agent");
        }
    }

    @Override
    public void start() {
        int released = claims.releaseAbandoned(clock.instant(), settings.staleClaim(), true);
        if (released > 0) {
            log.warn("Released {} callback claim(s) left by an earlier run of node {}", released, node);
        }
        running = true;
        worker.scheduleWithFixedDelay(this::pollSafely, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Callback dialer on node {} calls back {} between {} and {} ({}), {} at once, {} attempts {} apart",
                node, settings.ami(), settings.opensAt(), settings.closesAt(), zone, settings.maxConcurrent(),
                settings.maxAttempts(), settings.spacing());
    }

    @Override
    public void stop() {
        running = false;
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ami.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A store that is down fails every poll: said once when it starts and once when polls work again. */
    private void pollSafely() {
        try {
            poll();
            if (pollsFailing) {
                pollsFailing = false;
                log.info("Callback dialer polls again");
            }
        } catch (RuntimeException e) {
            if (!pollsFailing) {
                pollsFailing = true;
                log.warn("Callback dialer poll failed, and is tried every {} until it works: {}",
                        settings.pollInterval(), e.toString());
            }
        }
    }

    /** One look for what is due: runs on the dialer's own thread (the tests call it there through {@link #pollNow}). */
    private void poll() {
        Instant now = clock.instant();
        claims.releaseAbandoned(now, settings.staleClaim(), false);
        List.copyOf(byActionId.values()).forEach(attempt -> expireIfSilent(attempt, now));
        List<Long> gaveUp = claims.giveUpExhausted(now, settings.maxAttempts());
        if (!gaveUp.isEmpty()) {
            log.info("Callback(s) {} used all {} attempts: marked GAVE_UP for the team", gaveUp,
                    settings.maxAttempts());
        }
        if (!withinServiceHours(now) || !ami.ready()) {
            return;
        }
        while (lines.tryAcquire()) {
            Optional<CallbackClaims.Claim> claim = claims.claimNext(now, settings.maxAttempts(), settings.spacing());
            if (claim.isEmpty()) {
                lines.release();
                return;
            }
            place(claim.get(), now);
        }
    }

    /** Runs one poll on the dialer's thread and returns when it is done. */
    void pollNow() throws Exception {
        worker.submit(this::poll).get();
    }

    boolean withinServiceHours(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return settings.days().contains(local.getDayOfWeek()) && !local.toLocalTime().isBefore(settings.opensAt())
                && local.toLocalTime().isBefore(settings.closesAt());
    }

    private void place(CallbackClaims.Claim claim, Instant now) {
        String channelId = "callback-" + claim.requestId() + "-" + claim.attempt() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
        String dialString = DIALLABLE.matcher(claim.number()).matches() ? settings.channelFor(claim.number()) : null;
        Attempt attempt = new Attempt(claim, channelId, dialString, now);
        byActionId.put(attempt.actionId, attempt);
        byChannelId.put(channelId, attempt);
        if (dialString == null) {
            end(attempt, Outcome.DIAL_FAILED, "not a number the dialer dials: " + claim.number());
            return;
        }
        log.info("Calling back {} for callback {} (attempt {} of {})", claim.number(), claim.requestId(),
                claim.attempt(), settings.maxAttempts());
        String refused = ami.originate(originate(attempt));
        if (refused != null) {
            end(attempt, Outcome.DIAL_FAILED, refused);
        }
    }

    private OriginateAction originate(Attempt attempt) {
        CallbackClaims.Claim claim = attempt.claim;
        OriginateAction originate = new OriginateAction();
        originate.setActionId(attempt.actionId);
        originate.setChannelId(attempt.channelId);
        originate.setChannel(attempt.dialString);
        originate.setContext(settings.context());
        originate.setExten(settings.exten());
        originate.setPriority(1);
        originate.setTimeout(settings.ringTimeout().toMillis());
        originate.setCallerId(settings.callerId());
        // What the callback context passes on to the FastAGI script (dialplan/extensions_callback.conf).
        originate.setVariable(OPTIONS_VARIABLE, "request=" + claim.requestId() + "&attempt=" + claim.attempt()
                + "&requested=" + claim.requestedAt().getEpochSecond() + "&by=" + node + "&number=" + claim.number()
                + (claim.language() == null ? "" : "&lang=" + claim.language()));
        return originate;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof OriginateResponseEvent response) {
            Attempt attempt = byActionId.get(response.getActionId());
            if (attempt == null) {
                return;
            }
            if ("Success".equalsIgnoreCase(response.getResponse())) {
                attempt.answered = true;
                log.info("Call back {} for callback {} answered", attempt.channelId, attempt.claim.requestId());
            } else {
                attempt.failedFor = response.getReason() == null ? 0 : response.getReason();
                if (attempt.cause == null && attempt.failedFor != 3 && attempt.failedFor != 5) {
                    // Reason 0 says little: the channel's Hangup (cause 17 for a 486) may still be on its way.
                    worker.schedule(() -> failed(attempt), settings.causeWait().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    worker.execute(() -> failed(attempt));
                }
            }
        } else if (event instanceof HangupRequestEvent || event instanceof HangupEvent) {
            Attempt attempt = byChannelId.get(((AbstractChannelEvent) event).getUniqueId());
            if (attempt == null) {
                return;
            }
            Integer cause = event instanceof HangupEvent hangup ? hangup.getCause()
                    : ((HangupRequestEvent) event).getCause();
            if (cause != null && cause != 0) {
                attempt.cause = cause;
            }
            if (event instanceof HangupEvent && attempt.answered) {
                worker.execute(() -> over(attempt));
            } else if (event instanceof HangupEvent && attempt.failedFor != null) {
                worker.execute(() -> failed(attempt));
            }
        }
    }

    /**
     * How an Originate that failed ended. Asterisk's reason is 3 for no answer and 5 for busy, but a SIP 486 arrives as
     * reason 0 (capture 16), like a channel that could not be created: the channel's hangup cause tells them apart.
     */
    static Outcome unanswered(Integer reason, Integer cause) {
        if (reason != null && reason == 5 || cause != null && cause == 17) {
            return Outcome.BUSY;
        }
        if (reason != null && reason == 3 || cause != null && (cause == 18 || cause == 19)) {
            return Outcome.NO_ANSWER;
        }
        return Outcome.DIAL_FAILED;
    }

    private void failed(Attempt attempt) {
        end(attempt, unanswered(attempt.failedFor, attempt.cause), "Originate failed: reason " + attempt.failedFor
                + (attempt.cause == null ? "" : ", cause " + attempt.cause));
    }

    /** An attempt Asterisk never said the end of (the AMI connection broke meanwhile): its line and claim go back. */
    private void expireIfSilent(Attempt attempt, Instant now) {
        Duration outcomeDue = settings.ringTimeout().plus(settings.outcomeGrace());
        if (!attempt.answered && attempt.dialledAt.plus(outcomeDue).isBefore(now)) {
            end(attempt, Outcome.DIAL_FAILED, "no outcome from Asterisk within " + outcomeDue);
        } else if (attempt.answered && attempt.dialledAt.plus(settings.staleClaim()).isBefore(now)) {
            over(attempt);
        }
    }

    /** An attempt that never reached the customer: in the call log, and its next attempt is due after the spacing. */
    private void end(Attempt attempt, Outcome outcome, String detail) {
        if (!attempt.over.compareAndSet(false, true)) {
            return;
        }
        CallbackClaims.Claim claim = attempt.claim;
        try {
            callLog.unanswered(new CallDetails(attempt.channelId, attempt.dialString, null, null, claim.number(), seat,
                    claim.language(), new CallDetails.CallbackAttempt(claim.requestId(), claim.attempt(),
                    claim.requestedAt(), node)), attempt.dialledAt, outcome, detail);
            log.info("Call back to {} for callback {} (attempt {} of {}): {}", claim.number(), claim.requestId(),
                    claim.attempt(), settings.maxAttempts(), outcome);
        } finally {
            free(attempt);
        }
    }

    /** An answered call back has hung up: the number is free again. */
    private void over(Attempt attempt) {
        if (attempt.over.compareAndSet(false, true)) {
            free(attempt);
        }
    }

    private void free(Attempt attempt) {
        byActionId.remove(attempt.actionId);
        byChannelId.remove(attempt.channelId);
        try {
            claims.release(attempt.claim.requestId());
        } finally {
            lines.release();
        }
    }

    /** Calls placed and not yet over (for tests and health). */
    int inProgress() {
        return byActionId.size();
    }
}
