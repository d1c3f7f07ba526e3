package com.chengshi.hotline.agi;

import com.chengshi.hotline.PendingConnections;
import com.chengshi.hotline.Refusals;
import com.chengshi.hotline.Throttled;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.HotlineFlow;
import com.chengshi.hotline.flow.Outcome;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One FastAGI connection from Asterisk: reads the AGI environment, records the call, runs the flow (or tells the
 * caller all lines are busy) and closes. asterisk-java reads and writes the protocol; this class owns the life of
 * the connection, so that a caller hanging up is one INFO line and never an ERROR with a stack trace.
 */
final class AgiSession extends FastAgiConnectionHandler {

    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);
    private static final MappingStrategy NO_MAPPING = (request, channel) -> null;

    /** The channel variable that tells the dialplan how we finished the call (AGISTATUS alone cannot, see 13e). */
    static final String OUTCOME_VARIABLE = "HOTLINE_OUTCOME";

    private final Socket socket;
    private final AgiSocket connection;
    private final AgiProperties settings;
    private final HotlineFlow flow;
    private final CallLog callLog;
    private final PromptFiles prompts;
    private final Semaphore lines;
    private final PendingConnections<AgiSession> pending;
    private final Refusals refusals;
    private final Throttled protocolFailures;
    private final ScheduledExecutorService watchdog;
    private final BooleanSupplier shuttingDown;
    /** Set by the watchdog before it closes a connection whose environment did not come in time. */
    private volatile boolean timedOut;

    /**
     * @param lines   one permit per call the flow may serve at once; a call that finds none hears all lines are busy
     * @param pending where the connection waits for its environment, already admitted
     */
    AgiSession(Socket socket, AgiSocket connection, AgiProperties settings, HotlineFlow flow, CallLog callLog,
               PromptFiles prompts, Semaphore lines, PendingConnections<AgiSession> pending, Refusals refusals,
               Throttled protocolFailures, ScheduledExecutorService watchdog, BooleanSupplier shuttingDown) {
        super(NO_MAPPING, connection, new DefaultAgiChannelFactory());
        this.socket = socket;
        this.connection = connection;
        this.settings = settings;
        this.flow = flow;
        this.callLog = callLog;
        this.prompts = prompts;
        this.lines = lines;
        this.pending = pending;
        this.refusals = refusals;
        this.protocolFailures = protocolFailures;
        this.watchdog = watchdog;
        this.shuttingDown = shuttingDown;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void run() {
        try {
            AgiRequest request = readEnvironment();
            if (request == null) {
                return;
            }
            boolean withinCapacity = lines.tryAcquire();
            try {
                serve(request, !withinCapacity);
            } finally {
                if (withinCapacity) {
                    lines.release();
                }
            }
        } finally {
            release();
        }
    }

    /** The environment, or null (counted as a refusal) if the connection sent none we can take. */
    private AgiRequest readEnvironment() {
        String noEnvironment = "no AGI environment within " + settings.environmentTimeout();
        // The socket timeout bounds each read; the watchdog bounds the whole environment against a peer that trickles.
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            timedOut = true;
            release();
        }, settings.environmentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        AgiRequest request = null;
        String refusedFor = null;
        try {
            socket.setSoTimeout((int) settings.environmentTimeout().toMillis());
            request = createReader().readRequest();
            if (request.getUniqueId() == null || request.getScript() == null) {
                refusedFor = "no AGI environment (no agi_uniqueid or agi_network_script)";
            } else {
                socket.setSoTimeout((int) settings.replyTimeout().toMillis());
            }
        } catch (AgiConnectionLostException e) {
            refusedFor = noEnvironment;
        } catch (AgiException | SocketException e) {
            refusedFor = "the connection broke before its AGI environment";
        } catch (AgiProtocolException e) {
            refusedFor = "an AGI environment with " + e.getMessage();
        } finally {
            deadline.cancel(false);
        }
        if (!pending.done(this)) {
            refusedFor = "over hotline.agi.max-pending-per-host (it waited longest)";
        } else if (timedOut) {
            refusedFor = noEnvironment;
        }
        if (refusedFor != null) {
            refusals.refused(socket.getRemoteSocketAddress(), refusedFor);
            return null;
        }
        return request;
    }

    private void serve(AgiRequest request, boolean overCapacity) {
        CallDetails details = detailsOf(request);
        // The call log stores the row before the flow answers, and the end before HOTLINE_OUTCOME tells Asterisk.
        AgiCallPort call = callLog.record(details, journal -> {
            AgiCallPort port = new AgiCallPort(createReader(), createWriter(), request.getAsteriskVersion(), prompts,
                    journal, prompts.languages(details.language()), details.seat());
            runTheFlow(port, journal, details, request.getScript(), overCapacity);
            return port;
        });
        finish(call, details);
    }

    /** Runs the flow on the call; however it fails, the journal says how the call ended. */
    private void runTheFlow(AgiCallPort call, CallJournal journal, CallDetails details, String script,
                            boolean overCapacity) {
        try {
            if (settings.callbackScript().equals(script)) {
                callBack(call, journal, details);
            } else if (!settings.script().equals(script)) {
                log.warn("Call {} asked for unknown script '{}'; handed back to the dialplan", details.uniqueId(),
                        script);
                journal.note("unknown AGI script " + script);
                journal.ended(Outcome.APP_ERROR, null);
            } else if (overCapacity) {
                log.warn("Call {} from {} is over capacity ({} calls): told all lines are busy",
                        details.uniqueId(), details.callerNumber(), settings.capacity());
                flow.refuseBusy(call, journal, details);
            } else {
                log.info("Call {} from {} to seat {} ({}) started", details.uniqueId(), details.callerNumber(),
                        details.seat(), details.language());
                flow.serve(call, journal, details);
            }
        } catch (AgiConnectionLostException e) {
            if (shuttingDown.getAsBoolean()) {
                log.warn("Call {} was cut off in step {} by the hotline's shutdown", details.uniqueId(),
                        journal.currentStep());
            } else {
                log.warn("Call {} lost its connection to Asterisk in step {}: {}", details.uniqueId(),
                        journal.currentStep(), e.getMessage());
            }
            journal.ended(Outcome.INTERRUPTED, null);
        } catch (AgiProtocolException e) {
            // A described failure (a refused command, a reply past our limits, a prompt Asterisk could not play):
            // its message says it all, and Asterisk's fallback keeps the caller. A broken peer can make hundreds a
            // second; each call's row keeps its own error, so the log line is throttled.
            protocolFailures.warn("Call {} failed in step {}; handed back to the dialplan: {}", details.uniqueId(),
                    journal.currentStep(), e.getMessage());
            journal.note("error: " + e.getMessage());
            journal.ended(Outcome.APP_ERROR, null);
        } catch (RuntimeException e) {
            log.error("Call {} failed in step {}; handed back to the dialplan", details.uniqueId(),
                    journal.currentStep(), e);
            journal.note("error: " + e);
            journal.ended(Outcome.APP_ERROR, null);
        }
    }

    /** §15: a call back the dialer placed; the dialplan passes which request and attempt it is. */
    private void callBack(AgiCallPort call, CallJournal journal, CallDetails details) {
        if (!details.outbound()) {
            log.warn("Call back {} came without its request (request, attempt, requested, by); handed back to the"
                    + " dialplan", details.uniqueId());
            journal.note("call back without its request's options");
            journal.ended(Outcome.APP_ERROR, null);
            return;
        }
        log.info("Call back {} to {} for callback {} (attempt {}) answered", details.uniqueId(),
                details.dialledNumber(), details.callback().requestId(), details.callback().attempt());
        flow.callBack(call, journal, details);
    }

    /** Tells the dialplan how the call ended; allowed even on a hung-up channel. */
    private void finish(AgiCallPort call, CallDetails details) {
        CallJournal journal = call.journal();
        String outcome = journal.outcome() == null ? Outcome.APP_ERROR.name() : journal.outcome().name();
        try {
            call.setVariable(OUTCOME_VARIABLE, outcome);
        } catch (RuntimeException e) {
            log.debug("Could not set {} on call {}: {}", OUTCOME_VARIABLE, details.uniqueId(), e.getMessage());
        }
        if (call.callerHungUp()) {
            log.info("Call {} ended: caller hung up in step {} ({})", details.uniqueId(), journal.currentStep(),
                    outcome);
        } else {
            log.info("Call {} ended in step {} ({})", details.uniqueId(), journal.currentStep(), outcome);
        }
    }

    private CallDetails detailsOf(AgiRequest request) {
        Map<String, String> options = AgiOptions.of(request);
        CallDetails.CallbackAttempt callback = AgiOptions.callbackAttempt(options);
        // A call back's dialled number is the customer's, which the dialer passes: Asterisk knows no DNID for it.
        return new CallDetails(request.getUniqueId(), request.getChannel(), request.getCallerIdNumber(),
                request.getCallerIdName(), callback == null ? request.getDnid() : options.get("number"),
                AgiOptions.seat(options.get("seat"), settings.defaultSeat()),
                prompts.languages(options.get("lang")).get(0), callback);
    }

    @Override
    public void release() {
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("Closing an AGI connection failed: {}", e.getMessage());
        }
    }
}
