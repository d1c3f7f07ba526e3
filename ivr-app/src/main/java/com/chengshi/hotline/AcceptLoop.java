package com.chengshi.hotline;

import org.slf4j.Logger;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * The accept loop both servers run on their own thread. A failing accept (out of file descriptors, say) fails again
 * at once if retried at once: the loop then waits, from 10 ms doubling to 1 s while the failures go on, and warns at
 * most once a second, so that a flood can neither spin a core nor fill the disk with log lines.
 */
public final class AcceptLoop {

    /** What to do with each accepted connection; an exception costs that connection only. */
    public interface Handler {
        void accept(Socket connection) throws IOException;
    }

    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private AcceptLoop() {
    }

    /** Runs until {@code socket} is closed. */
    public static void run(ServerSocket socket, String what, Logger log, Handler handler) {
        Throttled failures = new Throttled(log, Duration.ofSeconds(1));
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
