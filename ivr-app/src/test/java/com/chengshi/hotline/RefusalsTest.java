package com.chengshi.hotline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalsTest {

    /** A connection with nothing unread. */
    private static final Socket IDLE = new Socket();
    private static final Duration PERIOD = Duration.ofMillis(300);

    private final Logger log = (Logger) LoggerFactory.getLogger("refusals-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
    }

    @Test
    void theFirstRefusalIsToldAtOnceAndTheRestAsOneSummaryOfEachReason() {
        AtomicLong nanoTime = new AtomicLong();
        Refusals refusals = new Refusals(log, "FastAGI", new Throttled(log, PERIOD, nanoTime::get));
        for (int i = 0; i < 1000; i++) {
            refusals.refused(new InetSocketAddress("10.0.0.1", 1000 + i), i % 4 == 0 ? "over a limit" : "not allowed");
        }
        // Past the period, the next refusal tells all those left out.
        nanoTime.addAndGet(PERIOD.multipliedBy(2).toNanos());
        refusals.refused(new InetSocketAddress("10.0.0.2", 2000), "not allowed");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("Refused a connection to FastAGI from /10.0.0.1:1000: over a limit");
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("Refused 1000 connections to FastAGI in the last 600 ms: 751 not allowed, 249 over a limit"
                        + " (the last from /10.0.0.2:2000)");
    }

    @Test
    void theConnectionThatWaitedLongestGivesWayToANewcomer() {
        PendingConnections<String> pending = new PendingConnections<>(2, name -> IDLE);

        assertThat(pending.admit("first")).isEmpty();
        assertThat(pending.admit("second")).isEmpty();
        pending.done("first");
        assertThat(pending.admit("third")).isEmpty();
        assertThat(pending.admit("fourth")).contains("second");
        assertThat(pending.admit("fifth")).contains("third");
        assertThat(pending.done("second")).as("it gave way: to be closed whatever it says").isFalse();
        assertThat(pending.done("fourth")).isTrue();
    }

    @Test
    void aConnectionWhoseWordsAreWaitingToBeReadIsPassedOverWhileAnIdleOneIsLeft() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket asterisk = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket spoken = server.accept()) {
            asterisk.getOutputStream().write("agi_network: yes\n".getBytes(StandardCharsets.US_ASCII));
            while (spoken.getInputStream().available() == 0) {
                Thread.onSpinWait();
            }
            PendingConnections<String> pending = new PendingConnections<>(2,
                    name -> name.equals("asterisk") ? spoken : IDLE);

            pending.admit("asterisk");
            pending.admit("idle");
            assertThat(pending.admit("newcomer")).contains("idle");
            assertThat(pending.admit("another")).contains("newcomer");
            pending.done("another");
            pending.admit("idle again");
            assertThat(pending.done("asterisk")).isTrue();
        }
    }
}
