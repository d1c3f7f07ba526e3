package com.chengshi.hotline;

import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one TCP acceptor both servers use: it listens on their address and hands each connection to them, on a thread
 * of its own, until closed. A failing accept (out of file descriptors, say) fails again at once if retried at once:
 * the loop then waits, from 10 ms doubling to 1 s while the failures go on, and warns at most once a second, so that
 * a flood can neither spin a core nor fill the disk with log lines.
 */
public final class AcceptLoop implements AutoCloseable {

    /** What to do with each accepted connection; an exception costs that connection only. */
    public interface Handler {
        void accept(Socket connection) throws IOException;
    }

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final ServerSocket socket;
    private final Thread thread;

    private AcceptLoop(ServerSocket socket, Thread thread) {
        this.socket = socket;
        this.thread = thread;
    }

    /**
     * Listens on {@code host:port} as the server {@code what} ("FastAGI"), configured under {@code settings}
     * ("hotline.agi"), and accepts on the thread {@code <threadName>}; a daemon one unless it {@code keepsAppAlive}.
     *
     * @param whereElse where else the address is named, for the one line a failed start ends with (may be "")
     * @throws CannotStartException when the address cannot be listened on (in use, say)
     */
    public static AcceptLoop listen(String what, String host, int port, int backlog, String settings, String whereElse,
                                    String threadName, boolean keepsAppAlive, Logger log, Handler handler) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), backlog);
        } catch (IOException e) {
            throw new CannotStartException(what + " server cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), "Stop the program that listens there (ss -ltnp 'sport = :" + port + "' names"
                    + " it), or set " + settings + ".bind-address / " + settings + ".port" + whereElse, e);
        }
        Thread thread = new Thread(() -> run(socket, what, log, handler), threadName);
        thread.setDaemon(!keepsAppAlive);
        thread.start();
        return new AcceptLoop(socket, thread);
    }

    /** The port listened on (the system's pick when configured as 0). */
    public int port() {
        return socket.getLocalPort();
    }

    /** Stops listening; returns once the loop has ended (or after 5 s). */
    @Override
    public void close() {
        try {
            socket.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            // Closing a listening socket fails only if it is closed already.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop itself, until {@code socket} is closed; its test gives it a socket that fails as a real one can. */
    static void run(ServerSocket socket, String what, Logger log, Handler handler) {        Throttled failures = new Throttled(log, Duration.ofSeconds(1));
        long pauseMillis = 0;
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                failures.warn("Accepting {} connections failed: {}", what, e.getMessage());
                pauseMillis = pauseMillis == 0 ? FIRST_PAUSE.toMillis()
                        : Math.min(2 * pauseMillis, LONGEST_PAUSE.toMillis());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            pauseMillis = 0;
            try {
                handler.accept(connection);
            } catch (IOException | RuntimeException e) {
                failures.warn("A {} connection from {} failed as it was accepted: {}", what,
                        connection.getRemoteSocketAddress(), e.toString());
                try {
                    connection.close();
                } catch (IOException closing) {
                    // It failed already; nothing more to tell.
                }
            }
        }
    }
}
