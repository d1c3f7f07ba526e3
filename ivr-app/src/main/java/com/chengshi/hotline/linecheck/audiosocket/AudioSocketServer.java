package com.chengshi.hotline.linecheck.audiosocket;

import com.chengshi.hotline.ServesCalls;
import com.chengshi.hotline.AcceptLoop;
import com.chengshi.hotline.AllowedHosts;
import com.chengshi.hotline.CannotStartException;
import com.chengshi.hotline.ConnectionThreads;
import com.chengshi.hotline.PendingConnections;
import com.chengshi.hotline.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The TCP server Asterisk's {@code AudioSocket} application streams a caller's audio to. A line check first
 * {@link #expect}s a session under a fresh uuid, then runs {@code AudioSocket} with the session's arguments; the
 * connection that names that uuid is handed to the session's listener, and any other is refused. Connections not
 * yet named are at most {@code max-pending}, the longest waiting giving way to a newcomer; named ones are at most
 * one per session expected, so that the line check of a live call always has room. Every connection refused is
 * counted into one summary line a second at most. Connections run on virtual threads where the JDK has them (21+),
 * else on platform threads.
 */
@Component
@ServesCalls
public class AudioSocketServer implements SmartLifecycle {

    /** Starts before and stops after the FastAGI server (default phase), whose calls use this one. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(AudioSocketServer.class);
    private final Refusals refusals = new Refusals(log, "AudioSocket");

    private final AudioSocketProperties settings;
    private final InstantSource clock;
    private final Map<UUID, ExpectedSession> expected = new ConcurrentHashMap<>();
    private final Set<AudioSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final PendingConnections<AudioSocketConnection> pending;
    private final List<InetAddress> allowedHosts;

    private volatile AcceptLoop acceptor;
    private ExecutorService connections;

    @Autowired
    public AudioSocketServer(AudioSocketProperties settings) {
        this(settings, InstantSource.system());
    }

    AudioSocketServer(AudioSocketProperties settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.pending = new PendingConnections<>(settings.maxPending(), AudioSocketConnection::socket);
        this.allowedHosts = AllowedHosts.resolve(settings.allowedHosts(), "hotline.audiosocket.allowed-hosts");
    }

    @Override
    public synchronized void start() {
        if (acceptor != null) {
            return;
        }
        connections = ConnectionThreads.oneEach("audiosocket");
        try {
            acceptor = AcceptLoop.listen("AudioSocket", settings.bindAddress(), settings.port(), 50,
                    "hotline.audiosocket", "", "audiosocket-acceptor", false, log, this::accept);
        } catch (CannotStartException e) {
            connections.shutdown();
            throw e;
        }
        log.info("AudioSocket server listening on {}:{}, advertised to Asterisk as {}", settings.bindAddress(),
                port(), advertisedAddress());
    }

    /**
     * Expects a session: the next connection whose uuid frame names {@code uuid} goes to {@code listener}. Call it
     * before running {@code AudioSocket}, and close the returned session when done.
     *
     * @throws IllegalStateException if the server is not running or {@code uuid} is already expected
     */
    public ExpectedSession expect(UUID uuid, AudioSocketListener listener) {
        if (!isRunning()) {
            throw new IllegalStateException("the AudioSocket server is not running");
        }
        ExpectedSession session = new ExpectedSession(uuid, listener, uuid + "," + advertisedAddress(),
                expected::remove);
        if (expected.putIfAbsent(uuid, session) != null) {
            throw new IllegalStateException("AudioSocket session " + uuid + " is already expected");
        }
        return session;
    }

    /** The port the server listens on (the system's pick when configured as 0). */
    public int port() {
        AcceptLoop listening = acceptor;
        return listening == null ? settings.port() : listening.port();
    }

    /** Stops listening, withdraws the sessions still expected, and cuts off the open ones. */
    @Override
    public synchronized void stop() {
        AcceptLoop listening = acceptor;
        if (listening == null) {
            return;
        }
        acceptor = null;
        listening.close();
        expected.values().forEach(ExpectedSession::withdraw);
        if (!open.isEmpty()) {
            log.info("AudioSocket server stopping: cutting off {} open session(s)", open.size());
        }
        open.forEach(AudioSocketConnection::abort);
        connections.shutdown();
        try {
            if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("AudioSocket server stopped with connection threads still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("AudioSocket server stopped");
    }

    @Override
    public boolean isRunning() {
        return acceptor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void accept(Socket socket) throws IOException {
        if (!allowedHosts.contains(socket.getInetAddress())) {
            refusals.refused(socket.getRemoteSocketAddress(), "not in hotline.audiosocket.allowed-hosts");
            socket.close();
            return;
        }
        socket.setTcpNoDelay(true);
        AudioSocketConnection connection = new AudioSocketConnection(socket, settings, clock, this::claim, pending,
                refusals);
        open.add(connection);
        pending.admit(connection).ifPresent(AudioSocketConnection::giveWay);
        try {
            connections.execute(() -> {
                try {
                    connection.run();
                } finally {
                    open.remove(connection);
                }
            });
        } catch (RejectedExecutionException e) {
            open.remove(connection);
            pending.done(connection);
            socket.close();
        }
    }

    /** Hands the session {@code uuid} to the connection that named it, once; null if none is expected. */
    private ExpectedSession claim(UUID uuid, AudioSocketConnection connection) {
        ExpectedSession session = expected.remove(uuid);
        return session != null && session.connect(connection) ? session : null;
    }

    /** Where Asterisk is to connect, as AudioSocket reads it: with brackets around an IPv6 address. */
    public String advertisedAddress() {
        String host = settings.advertisedHost();
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + port();
    }
}
