package com.chengshi.hotline.agi;

import com.chengshi.hotline.AcceptLoop;
import com.chengshi.hotline.CannotStartException;
import com.chengshi.hotline.ConnectionThreads;
import com.chengshi.hotline.Throttled;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.flow.HotlineFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The FastAGI server, started and stopped with the application. Unlike asterisk-java's DefaultAgiServer, whose pool
 * closes the sockets of calls past its maximum without a word, every call that reaches us is answered: up to
 * {@code capacity} calls run the flow, and any beyond hear that all lines are busy. Calls run on virtual threads
 * where the JDK has them (21+), else on platform threads.
 */
@Component
@ConditionalOnProperty(name = "hotline.serve-calls", matchIfMissing = true)
public class FastAgiServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FastAgiServer.class);
    /** A refused connection is one line a second at most: a flood of them must not flood the log. */
    private final Throttled refused = new Throttled(log, Duration.ofSeconds(1));

    private final AgiProperties settings;
    private final HotlineFlow flow;
    private final CallLog callLog;
    private final PromptFiles prompts;
    private final List<InetAddress> allowedHosts;
    private final Semaphore lines;
    private final Set<Socket> openCalls = ConcurrentHashMap.newKeySet();

    private volatile ServerSocket listener;
    private ExecutorService calls;
    private ScheduledExecutorService watchdog;
    private Thread acceptor;

    public FastAgiServer(AgiProperties settings, HotlineFlow flow, CallLog callLog, PromptFiles prompts) {
        this.settings = settings;
        this.flow = flow;
        this.callLog = callLog;
        this.prompts = prompts;
        this.allowedHosts = settings.allowedAddresses();
        this.lines = new Semaphore(settings.capacity());
    }

    @Override
    public synchronized void start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), settings.capacity());
            listener = socket;
        } catch (IOException e) {
            throw new CannotStartException("FastAGI server cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), "Stop the program that listens there (ss -ltnp"
                    + " 'sport = :" + settings.port() + "' names it), or set hotline.agi.bind-address /"
                    + " hotline.agi.port; the dialplan names it in HOTLINE_AGI_HOST / HOTLINE_AGI_PORT", e);
        }
        calls = ConnectionThreads.oneEach("agi-call");
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agi-watchdog"));
        acceptor = new Thread(this::acceptCalls, "agi-acceptor");
        acceptor.start();
        log.info("FastAGI server listening on {}:{} for script '{}', capacity {} calls ({})", settings.bindAddress(),
                port(), settings.script(), settings.capacity(), ConnectionThreads.describe());
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        ServerSocket socket = listener;
        return socket == null ? settings.port() : socket.getLocalPort();
    }

    private void acceptCalls() {
        AcceptLoop.run(listener, "FastAGI", log, this::accept);
    }

    private void accept(Socket socket) throws IOException {
        if (!allowedHosts.contains(socket.getInetAddress())) {
            refused.warn("Refused a FastAGI connection from {}: not in hotline.agi.allowed-hosts",
                    socket.getRemoteSocketAddress());
            socket.close();
            return;
        }
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        boolean withinCapacity = lines.tryAcquire();
        AgiSession session = new AgiSession(socket, new AgiSocket(socket), settings, flow, callLog, prompts,
                !withinCapacity, watchdog, () -> listener == null);
        openCalls.add(socket);
        calls.execute(() -> {
            try {
                session.run();
            } finally {
                openCalls.remove(socket);
                if (withinCapacity) {
                    lines.release();
                }
            }
        });
    }

    /** Stops taking calls, lets the calls in progress finish up to the shutdown grace, then cuts the rest off. */
    @Override
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("Closing the FastAGI listener: {}", e.getMessage());
        }
        listener = null;
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
        return listener != null;
    }
}
