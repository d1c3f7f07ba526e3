package com.chengshi.hotline.agi;

import com.chengshi.hotline.ServesCalls;
import com.chengshi.hotline.AcceptLoop;
import com.chengshi.hotline.CannotStartException;
import com.chengshi.hotline.ConnectionThreads;
import com.chengshi.hotline.PendingConnections;
import com.chengshi.hotline.Refusals;
import com.chengshi.hotline.Throttled;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.flow.HotlineFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The FastAGI server, started and stopped with the application. Unlike asterisk-java's DefaultAgiServer, whose pool
 * closes the sockets of calls past its maximum without a word, every call that reaches us is answered: up to
 * {@code capacity} calls run the flow, and up to {@code busy-lines} beyond hear that all lines are busy. Only past
 * both, or from a host not allowed, is a connection closed at once; a host's connections still waiting for their
 * environment are at most {@code max-pending-per-host}. Every connection closed before it became a call is counted
 * into one summary line a second at most. Calls run on virtual threads where the JDK has them (21+), else on
 * platform threads.
 */
@Component
@ServesCalls
public class FastAgiServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    private final Refusals refusals = new Refusals(log, "FastAGI");
    private final Throttled protocolFailures = new Throttled(LoggerFactory.getLogger(AgiSession.class),
            Duration.ofSeconds(1));

    private final AgiProperties settings;
    private final HotlineFlow flow;
    private final CallLog callLog;
    private final PromptFiles prompts;
    private final List<InetAddress> allowedHosts;
    private final Semaphore lines;
    /** Every open connection holds one, from its accept: calls, calls told all lines are busy, and pending ones. */
    private final Semaphore connections;
    private final Map<InetAddress, PendingConnections<AgiSession>> pendingByHost;
    private final Set<Socket> openCalls = ConcurrentHashMap.newKeySet();

    private volatile AcceptLoop acceptor;
    private ExecutorService calls;
    private ScheduledExecutorService watchdog;

    public FastAgiServer(AgiProperties settings, HotlineFlow flow, CallLog callLog, PromptFiles prompts) {
        this.settings = settings;
        this.flow = flow;
        this.callLog = callLog;
        this.prompts = prompts;
        this.allowedHosts = settings.allowedAddresses();
        this.lines = new Semaphore(settings.capacity());
        this.connections = new Semaphore(settings.capacity() + settings.busyLines());
        this.pendingByHost = allowedHosts.stream().distinct().collect(Collectors.toUnmodifiableMap(host -> host,
                host -> new PendingConnections<>(settings.maxPendingPerHost(), AgiSession::socket)));
    }

    @Override
    public synchronized void start() {
        calls = ConnectionThreads.oneEach("agi-call");
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agi-watchdog"));
        try {
            acceptor = AcceptLoop.listen("FastAGI", settings.bindAddress(), settings.port(), settings.capacity(),
                    "hotline.agi", "; the dialplan names it in HOTLINE_AGI_NODES", "agi-acceptor",
                    true, log, this::accept);
        } catch (CannotStartException e) {
            calls.shutdown();
            watchdog.shutdown();
            throw e;
        }
        log.info("FastAGI server listening on {}:{} for script '{}', capacity {} calls ({})", settings.bindAddress(),
                port(), settings.script(), settings.capacity(), ConnectionThreads.describe());
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        AcceptLoop listening = acceptor;
        return listening == null ? settings.port() : listening.port();
    }

    private void accept(Socket socket) throws IOException {
        PendingConnections<AgiSession> pending = pendingByHost.get(socket.getInetAddress());
        if (pending == null) {
            refuse(socket, "not in hotline.agi.allowed-hosts");
            return;
        }
        if (!connections.tryAcquire()) {
            refuse(socket, "all " + (settings.capacity() + settings.busyLines())
                    + " lines taken (hotline.agi.capacity + busy-lines)");
            return;
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            AgiSession session = new AgiSession(socket, new AgiSocket(socket), settings, flow, callLog, prompts, lines,
                    pending, refusals, protocolFailures, watchdog, () -> acceptor == null);
            pending.admit(session).ifPresent(AgiSession::release);
            openCalls.add(socket);
            calls.execute(() -> {
                try {
                    session.run();
                } finally {
                    openCalls.remove(socket);
                    connections.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            connections.release();
            throw e;
        }
    }

    private void refuse(Socket socket, String reason) throws IOException {
        refusals.refused(socket.getRemoteSocketAddress(), reason);
        socket.close();
    }

    /** Stops taking calls, lets the calls in progress finish up to the shutdown grace, then cuts the rest off. */
    @Override
    public synchronized void stop() {
        if (acceptor == null) {
            return;
        }
        acceptor.close();
        acceptor = null;
        calls.shutdown();
        try {
            if (!calls.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Shutting down: cutting off {} call(s) still in progress after {}", openCalls.size(),
                        settings.shutdownGrace());
                openCalls.forEach(FastAgiServer::closeQuietly);
                calls.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        log.info("FastAGI server stopped");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a call's socket: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return acceptor != null;
    }
}
