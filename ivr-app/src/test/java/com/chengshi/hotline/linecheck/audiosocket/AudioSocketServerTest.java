package com.chengshi.hotline.linecheck.audiosocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.chengshi.hotline.LogLines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The server against a fake Asterisk that replays the real captures' frame sequences over loopback TCP. The clock
 * is the test's: time passes only where a capture shows a gap that matters.
 */
class AudioSocketServerTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private final SettableClock clock = new SettableClock();
    private AudioSocketServer server;

    @BeforeEach
    void startServer() {
        server = startServer(Duration.ofMinutes(1));
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private AudioSocketServer startServer(Duration uuidTimeout) {
        return startServer(uuidTimeout, 20);
    }

    private AudioSocketServer startServer(Duration uuidTimeout, int maxPending) {
        return startServer(uuidTimeout, maxPending, Duration.ofMinutes(1));
    }

    private AudioSocketServer startServer(Duration uuidTimeout, int maxPending, Duration keepAlive) {
        AudioSocketServer started = new AudioSocketServer(new AudioSocketProperties("127.0.0.1", 0, "127.0.0.1",
                4096, uuidTimeout, Duration.ofMinutes(1), keepAlive, Duration.ofMinutes(1), maxPending,
                List.of("127.0.0.1")), clock);
        started.start();
        return started;
    }

    @Test
    void listenerEndsTheWindow_weSendTheHangupFrameAndClose() throws Exception {
        // 05: uuid, audio every 20 ms, our 00 00 00, Asterisk's FIN within 1 ms.
        UUID uuid = UUID.fromString("2c47e461-245e-4ca4-b68c-d716581db794");
        RecordingListener listener = new RecordingListener(5);
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(5)
                    .expectHex("00 00 00").expectClosed()
                    .closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.ENDED_BY_US, listener.awaitEnd());
            assertEquals(5, listener.frames().size());
            assertEquals(1, listener.endCalls());
        }
    }

    @Test
    void oneMoreAudioFrameAfterOurHangupFrame_isTolerated() throws Exception {
        // 05b: after our 00 00 00, one more audio frame came before Asterisk's FIN.
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener(1);
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1)
                    .expectHex("00 00 00")
                    .sendTone(1).closeOutput()
                    .expectClosed();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(1, listener.frames().size(), "nothing is delivered after the window ended");
        }
    }

    @Test
    void asteriskThatKeepsStreamingAfterOurHangupFrame_isClosedAfterTheGrace() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener(1);
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1).expectHex("00 00 00");
            clock.advance(AudioSocketConnection.CLOSE_GRACE.plusMillis(1));
            asterisk.sendTone(3).expectCutOff();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(1, listener.frames().size());
        }
    }

    @Test
    void dtmf_isDeliveredAndEndsTheWindow() throws Exception {
        // 05b: 03 00 01 34 at key release, no audio during the key.
        UUID uuid = UUID.fromString("a5824980-873a-497a-bd82-cbd1368dbb2d");
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(3).sendHex("03 00 01 34")
                    .expectHex("00 00 00").expectClosed()
                    .closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals("4", listener.digits());
            assertEquals(3, listener.frames().size());
        }
    }

    @Test
    void callerHangsUpMidWindow_asteriskClosesWithoutAHangupFrame() throws Exception {
        // 08: audio flowing, then FIN with no hang-up frame; EXEC returns -1 and HANGUP follows.
        UUID uuid = UUID.fromString("bdda127a-e8d8-4ef4-8a7c-bb6fd7aa5252");
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(20).closeOutput()
                    .expectClosed();

            assertEquals(SessionEnd.CALLER_HUNG_UP, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.CALLER_HUNG_UP, listener.awaitEnd());
            assertEquals(20, listener.frames().size());
        }
    }

    @Test
    void phoneSendsNoAudio_asteriskGivesUpAfterTwoSeconds() throws Exception {
        // 06: only the uuid frame, then Asterisk's FIN 2000 ms later; the channel stays up.
        UUID uuid = UUID.fromString("d6ca7f79-5766-494c-a329-8f2de450259f");
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid);
            clock.advance(Duration.ofMillis(2000));
            asterisk.closeOutput().expectClosed();

            assertEquals(SessionEnd.NO_AUDIO, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.NO_AUDIO, listener.awaitEnd());
        }
    }

    @Test
    void phoneSendsNoAudio_weSendSilenceSoAsteriskKeepsTheSessionOpen() throws Exception {
        // 06 gave up after 2000 ms with no frame either way (and an ERROR in Asterisk's log): app_audiosocket's wait
        // counts frames from us too, so 20 ms of silence each keep-alive period keeps it listening.
        server.stop();
        server = startServer(Duration.ofMinutes(1), 20, Duration.ofMillis(100));
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        String silence = "10 01 40" + " 00".repeat(320);
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).expectHex(silence).expectHex(silence);
            session.end();
            asterisk.expectHex("00 00 00").expectClosed().closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(0, listener.frames().size());
        }
    }

    @Test
    void sessionThatSendsNothingPastTheIdleTimeout_isEnded() throws Exception {
        // A connection that names its session and then sends nothing, not even Asterisk's close: our keep-alive
        // silence holds Asterisk's side open, so the idle timeout is what ends it.
        server.stop();
        server = new AudioSocketServer(new AudioSocketProperties("127.0.0.1", 0, "127.0.0.1", 4096,
                Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMinutes(1), 20,
                List.of("127.0.0.1")), clock);
        server.start();
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        String silence = "10 01 40" + " 00".repeat(320);
        try (LogLines log = LogLines.capture();
             ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).expectHex(silence);
            clock.advance(Duration.ofMillis(100));
            asterisk.expectHexAfterSilence("00 00 00").expectClosed().closeOutput();

            assertEquals(SessionEnd.NO_AUDIO, session.awaitEnd(Duration.ofSeconds(10)));
            assertThat(log.warningMessages()).singleElement().asString().contains("nothing received for PT0.1S");
        }
    }

    @Test
    void audioStopsMidWindow_asteriskGivesUpTwoSecondsLater_notAHangup() throws Exception {
        // A phone that stops sending while its caller is silent: Asterisk's 2000 ms no-activity timeout, as in 06,
        // but after some audio. Unlike 08 the channel is still up.
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(10);
            listener.awaitFrames(10);
            clock.advance(Duration.ofMillis(2000));
            asterisk.closeOutput().expectClosed();

            assertEquals(SessionEnd.AUDIO_STOPPED, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void deadChannel_connectionThatNamesNoSession_isClosedQuietly() throws Exception {
        // 07: on a channel already hung up, Asterisk connects, sends nothing and closes after about 11 ms.
        UUID uuid = UUID.fromString("c0ebe21b-33bc-4145-b0aa-a5aaa8bf87ff");
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.closeOutput().expectClosed();

            assertEquals(SessionEnd.NOT_CONNECTED, session.awaitEnd(SHORT));
            assertFalse(listener.heardAnything());
        }
    }

    @Test
    void hostNotAllowed_isRefusedBeforeItNamesASession() throws Exception {
        AudioSocketServer onlyIpv6 = new AudioSocketServer(new AudioSocketProperties("127.0.0.1", 0, "127.0.0.1",
                4096, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 20,
                List.of("::1")), clock);
        onlyIpv6.start();
        UUID uuid = UUID.randomUUID();
        try (ExpectedSession session = onlyIpv6.expect(uuid, new RecordingListener());
             AsteriskAudioSocket stranger = AsteriskAudioSocket.connect(onlyIpv6.port())) {
            stranger.expectCutOff();

            assertEquals(false, session.endRequested());
        } finally {
            onlyIpv6.stop();
        }
    }

    @Test
    void unknownUuid_isRefused() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(UUID.randomUUID(), listener);
             AsteriskAudioSocket stranger = AsteriskAudioSocket.connect(server.port())) {
            stranger.sendUuid(UUID.randomUUID()).expectClosed();

            assertEquals(SessionEnd.NOT_CONNECTED, session.awaitEnd(SHORT));
            assertFalse(listener.heardAnything());
        }
    }

    @Test
    void connectionThatDoesNotStartWithAUuidFrame_isRefused() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(UUID.randomUUID(), listener);
             AsteriskAudioSocket stranger = AsteriskAudioSocket.connect(server.port())) {
            stranger.sendTone(1).expectClosed();

            assertEquals(SessionEnd.NOT_CONNECTED, session.awaitEnd(SHORT));
            assertFalse(listener.heardAnything());
        }
    }

    @Test
    void closedSession_refusesItsLateConnection() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        server.expect(uuid, listener).close();
        try (AsteriskAudioSocket late = AsteriskAudioSocket.connect(server.port())) {
            late.sendUuid(uuid).sendTone(2).expectClosed();
        }
        assertFalse(listener.heardAnything());
    }

    @Test
    void secondConnectionForTheSameUuid_isRefused() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket first = AsteriskAudioSocket.connect(server.port());
             AsteriskAudioSocket second = AsteriskAudioSocket.connect(server.port())) {
            first.sendUuid(uuid).sendTone(1);
            listener.awaitFrames(1);
            second.sendUuid(uuid).expectClosed();
            first.closeOutput().expectClosed();

            assertEquals(SessionEnd.CALLER_HUNG_UP, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void connectionThatNamesNoSessionInTime_isClosed() throws Exception {
        AudioSocketServer impatient = startServer(Duration.ofMillis(100));
        try (AsteriskAudioSocket silent = AsteriskAudioSocket.connect(impatient.port())) {
            silent.expectClosed();
        } finally {
            impatient.stop();
        }
    }

    @Test
    void idleConnectionsBeyondTheMaximumPending_giveWayTheLongestWaitingFirst_andALiveCallsSessionConnects()
            throws Exception {
        AudioSocketServer guarded = startServer(Duration.ofMinutes(1), 2);
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (LogLines log = LogLines.capture();
             ExpectedSession session = guarded.expect(uuid, listener);
             AsteriskAudioSocket idle = AsteriskAudioSocket.connect(guarded.port());
             AsteriskAudioSocket alsoIdle = AsteriskAudioSocket.connect(guarded.port());
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(guarded.port())) {
            asterisk.sendUuid(uuid).sendTone(1);
            listener.awaitFrames(1);
            idle.expectClosed();
            asterisk.closeOutput().expectClosed();

            assertEquals(SessionEnd.CALLER_HUNG_UP, session.awaitEnd(Duration.ofSeconds(10)));
            // The connection that gave way counts its refusal on its own thread, once its socket is closed.
            await().untilAsserted(() -> assertEquals(List.of("Refused a connection to AudioSocket from "
                    + idle.address() + ": over hotline.audiosocket.max-pending (it waited longest)"),
                    log.warningMessages()));
        } finally {
            guarded.stop();
        }
    }

    @Test
    void aFloodOfIdleConnections_cannotTakeTheLineCheckFromLiveCalls_andIsASummaryLineASecond() throws Exception {
        AudioSocketServer guarded = startServer(Duration.ofMinutes(1), 4);
        long started = System.nanoTime();
        List<AsteriskAudioSocket> flood = new ArrayList<>();
        try (LogLines log = LogLines.capture()) {
            for (int call = 0; call < 5; call++) {
                for (int i = 0; i < 40; i++) {
                    flood.add(AsteriskAudioSocket.connect(guarded.port()));
                }
                UUID uuid = UUID.randomUUID();
                RecordingListener listener = new RecordingListener(1);
                try (ExpectedSession session = guarded.expect(uuid, listener);
                     AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(guarded.port())) {
                    asterisk.sendUuid(uuid).sendTone(1).expectHex("00 00 00").closeOutput().expectClosed();
                    assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
                }
            }
            // One line a second at most, and the first at once: the test's own run time bounds the count.
            List<String> refused = log.warningMessages();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(refused).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds + 1)
                    .allMatch(line -> line.startsWith("Refused"));
        } finally {
            for (AsteriskAudioSocket connection : flood) {
                connection.close();
            }
            guarded.stop();
        }
    }

    @Test
    void oversizedLengthField_closesTheSessionWithAnError() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(2).sendHex("10 ff ff").expectClosed();

            assertEquals(SessionEnd.ERROR, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.ERROR, listener.awaitEnd());
            assertEquals(2, listener.frames().size());
        }
    }

    @Test
    void unknownKindWithAHugeLength_closesTheSessionWithAnError() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendHex("42 80 00").expectClosed();

            assertEquals(SessionEnd.ERROR, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void unknownKindWithASmallLength_isSkipped() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener(2);
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1).sendHex("42 00 02 ab cd").sendTone(1)
                    .expectHex("00 00 00").closeOutput().expectClosed();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(2, listener.frames().size());
        }
    }

    @Test
    void truncatedFrame_isAnError() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(2).sendHex("10 01 40 00 01 00 02").closeOutput().expectClosed();

            assertEquals(SessionEnd.ERROR, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(2, listener.frames().size());
        }
    }

    @Test
    void audioIsDecodedLittleEndianIntoOneReusedBuffer() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener(3);
        short[] first = {0, 1, -1, 0x1234, Short.MAX_VALUE, Short.MIN_VALUE};
        short[] second = {-2, 256, -256};
        short[] third = {7};
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendAudio(first).sendAudio(second).sendAudio(third)
                    .expectHex("00 00 00").closeOutput().expectClosed();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
            assertArrayEquals(first, listener.frames().get(0));
            assertArrayEquals(second, listener.frames().get(1));
            assertArrayEquals(third, listener.frames().get(2));
            assertEquals(1, listener.distinctBuffers(), "one sample buffer for the whole session");
        }
    }

    @Test
    void oddLengthAudioFrame_isAnError() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendHex("10 00 03 01 02 03").expectClosed();

            assertEquals(SessionEnd.ERROR, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(0, listener.frames().size());
        }
    }

    @Test
    void ownerEndsTheWindow_hangupFrameIsSent() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(3);
            listener.awaitFrames(3);
            session.end();
            asterisk.expectHex("00 00 00").expectClosed().closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void endBeforeTheConnectionArrives_endsTheWindowAsSoonAsItDoes() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            session.end();
            asterisk.sendUuid(uuid).expectHex("00 00 00").expectClosed().closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void awaitEnd_endsASessionStillOpenAtItsTimeout() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1);
            listener.awaitFrames(1);
            CompletableFuture<Void> asteriskSide = CompletableFuture.runAsync(() -> {
                try {
                    asterisk.expectHex("00 00 00").closeOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(SHORT));
            assertEquals(1, listener.endCalls(), "the listener has had onEnd when awaitEnd returns");
            asteriskSide.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sessionPastItsMaximumLength_isEnded() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1);
            listener.awaitFrames(1);
            clock.advance(Duration.ofMinutes(2));
            asterisk.sendTone(1).expectHex("00 00 00").expectClosed().closeOutput();

            assertEquals(SessionEnd.ENDED_BY_US, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void asteriskHangupFrame_meansTheCallerHungUp() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(uuid, listener);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(2).sendHex("00 00 00").expectClosed();

            assertEquals(SessionEnd.CALLER_HUNG_UP, session.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void asteriskErrorFrames_callerHungUpOrError() throws Exception {
        UUID hungUp = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        try (ExpectedSession first = server.expect(hungUp, new RecordingListener());
             ExpectedSession second = server.expect(failed, new RecordingListener());
             AsteriskAudioSocket one = AsteriskAudioSocket.connect(server.port());
             AsteriskAudioSocket two = AsteriskAudioSocket.connect(server.port())) {
            one.sendUuid(hungUp).sendTone(1).sendHex("ff 00 01 01").expectClosed();
            two.sendUuid(failed).sendTone(1).sendHex("ff 00 01 02").expectClosed();

            assertEquals(SessionEnd.CALLER_HUNG_UP, first.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.ERROR, second.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void concurrentSessions_eachGetsItsOwnAudio() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        RecordingListener hearsA = new RecordingListener(1);
        RecordingListener hearsB = new RecordingListener(1);
        try (ExpectedSession sessionA = server.expect(a, hearsA);
             ExpectedSession sessionB = server.expect(b, hearsB);
             AsteriskAudioSocket callB = AsteriskAudioSocket.connect(server.port());
             AsteriskAudioSocket callA = AsteriskAudioSocket.connect(server.port())) {
            callB.sendUuid(b).sendAudio((short) 2);
            callA.sendUuid(a).sendAudio((short) 1);
            callA.expectHex("00 00 00").closeOutput().expectClosed();
            callB.expectHex("00 00 00").closeOutput().expectClosed();

            assertEquals(SessionEnd.ENDED_BY_US, sessionA.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.ENDED_BY_US, sessionB.awaitEnd(Duration.ofSeconds(10)));
            assertArrayEquals(new short[] {1}, hearsA.frames().get(0));
            assertArrayEquals(new short[] {2}, hearsB.frames().get(0));
        }
    }

    @Test
    void listenerThatThrows_endsTheWindowWithAnError() throws Exception {
        UUID uuid = UUID.randomUUID();
        RecordingListener recorder = new RecordingListener();
        AudioSocketListener broken = new AudioSocketListener() {
            @Override
            public boolean onAudio(short[] samples, int count) {
                throw new IllegalStateException("classifier bug");
            }

            @Override
            public void onDtmf(char digit) {
                recorder.onDtmf(digit);
            }

            @Override
            public void onEnd(SessionEnd end) {
                recorder.onEnd(end);
            }
        };
        try (ExpectedSession session = server.expect(uuid, broken);
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(uuid).sendTone(1).expectHex("00 00 00").expectClosed();

            assertEquals(SessionEnd.ERROR, session.awaitEnd(Duration.ofSeconds(10)));
            assertEquals(SessionEnd.ERROR, recorder.awaitEnd());
        }
    }

    @Test
    void stop_cutsOffOpenSessionsAndWithdrawsExpectedOnes() throws Exception {
        UUID open = UUID.randomUUID();
        RecordingListener listener = new RecordingListener();
        try (ExpectedSession session = server.expect(open, listener);
             ExpectedSession neverConnected = server.expect(UUID.randomUUID(), new RecordingListener());
             AsteriskAudioSocket asterisk = AsteriskAudioSocket.connect(server.port())) {
            asterisk.sendUuid(open).sendTone(2);
            listener.awaitFrames(2);

            server.stop();

            asterisk.expectHex("00 00 00").expectClosed();
            assertEquals(SessionEnd.ERROR, listener.awaitEnd());
            assertEquals(SessionEnd.ERROR, session.awaitEnd(SHORT));
            assertEquals(SessionEnd.NOT_CONNECTED, neverConnected.awaitEnd(SHORT));
            assertFalse(server.isRunning());
            assertThrows(IllegalStateException.class, () -> server.expect(UUID.randomUUID(), listener));
        }
    }

    @Test
    void applicationArguments_nameTheUuidAndTheAdvertisedHostAndBoundPort() {
        UUID uuid = UUID.fromString("2c47e461-245e-4ca4-b68c-d716581db794");
        try (ExpectedSession session = server.expect(uuid, new RecordingListener())) {
            assertEquals("2c47e461-245e-4ca4-b68c-d716581db794,127.0.0.1:" + server.port(),
                    session.applicationArguments());
            assertThrows(IllegalStateException.class, () -> server.expect(uuid, new RecordingListener()));
        }
    }
}
