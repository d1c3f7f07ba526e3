package com.chengshi.hotline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptLoopTest {

    /** A listener out of file descriptors: every accept fails at once, as EMFILE makes it. */
    private static final class OutOfFileDescriptors extends ServerSocket {
        final AtomicInteger accepts = new AtomicInteger();
        private final int failures;

        OutOfFileDescriptors(int failures) throws IOException {
            this.failures = failures;
        }

        @Override
        public Socket accept() throws IOException {
            if (accepts.incrementAndGet() > failures) {
                close();
                throw new IOException("Socket closed");
            }
            throw new IOException("Too many open files");
        }
    }

    @Test
    void aFailingAcceptIsRetriedAfterAPauseAndWarnedOfOnceASecondAtMost() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("accept-loop-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        // Pauses of 10, 20, 40, ... 640 ms: about 1.3 s in all, where a spinning loop failed millions of times.
        OutOfFileDescriptors socket = new OutOfFileDescriptors(8);

        AcceptLoop.run(socket, "FastAGI", log, connection -> {
            throw new AssertionError("nothing is accepted");
        });

        assertThat(socket.accepts).hasValue(9);
        assertThat(lines.list).hasSizeBetween(1, 2);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("Accepting FastAGI connections failed: Too many open files");
        if (lines.list.size() == 2) {
            assertThat(lines.list.get(1).getFormattedMessage()).contains("more like it in the last");
        }
    }

    @Test
    void aThrottledWarningCountsWhatItLeftOut() {
        Logger log = (Logger) LoggerFactory.getLogger("throttled-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        Throttled refused = new Throttled(log, java.time.Duration.ZERO);
        Throttled hourly = new Throttled(log, java.time.Duration.ofHours(1));

        for (int i = 0; i < 1000; i++) {
            hourly.warn("Refused a connection from {}", "10.0.0." + i);
        }
        refused.warn("Refused a connection from {}", "a");
        refused.warn("Refused a connection from {}", "b");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Refused a connection from 10.0.0.0", "Refused a connection from a", "Refused a connection from b");
    }
}
