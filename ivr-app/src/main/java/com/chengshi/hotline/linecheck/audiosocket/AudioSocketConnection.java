package com.chengshi.hotline.linecheck.audiosocket;

import com.chengshi.hotline.PendingConnections;
import com.chengshi.hotline.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * One TCP connection from Asterisk's AudioSocket application: it names its session with a uuid frame, then streams
 * the caller's audio and keys until one side ends it. Runs on its own thread; {@link #endWindow()} and
 * {@link #abort()} may come from any other.
 */
final class AudioSocketConnection implements Runnable {

    /** How long to wait for Asterisk's close after our hang-up frame; it took under 1 ms in the captures. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /**
     * A stream that closes this long after its last frame was closed by Asterisk's own 2000 ms no-activity timeout,
     * not by a hang-up: during a call frames come every 20 ms, and a key press pauses them for about 200 ms.
     */
    static final Duration ASTERISK_GAVE_UP_GAP = Duration.ofSeconds(1);

    static final int KIND_HANGUP = 0x00;
    static final int KIND_UUID = 0x01;
    static final int KIND_DTMF = 0x03;
    static final int KIND_AUDIO = 0x10;
    static final int KIND_ERROR = 0xFF;

    private static final String GAVE_WAY = "over hotline.audiosocket.max-pending (it waited longest)";

    /** The error code Asterisk sends in an error frame when the calling party hung up. */
    private static final int ERROR_CALLER_HUNG_UP = 0x01;

    private static final Logger log = LoggerFactory.getLogger(AudioSocketConnection.class);
    private static final byte[] HANGUP_FRAME = {KIND_HANGUP, 0, 0};
    /** 20 ms of silence (slin, 8 kHz): what we send to keep a session alive that hears nothing from the phone. */
    private static final byte[] SILENCE_FRAME = silenceFrame();

    private final Socket socket;
    private final SocketAddress peer;
    private final AudioSocketProperties settings;
    private final InstantSource clock;
    private final BiFunction<UUID, AudioSocketConnection, ExpectedSession> sessions;
    private final PendingConnections<AudioSocketConnection> pending;
    private final Refusals refusals;
    private final AtomicBoolean hangupSent = new AtomicBoolean();
    /** Held for every write: the hang-up frame and keep-alive silence come from different threads. */
    private final Object writing = new Object();
    private volatile Instant closeBy;
    private volatile boolean aborted;

    /**
     * @param sessions claims the session a uuid names, or null if no call expects it
     * @param pending  where the connection waits until it names its session, already admitted
     */
    AudioSocketConnection(Socket socket, AudioSocketProperties settings, InstantSource clock,
                          BiFunction<UUID, AudioSocketConnection, ExpectedSession> sessions,
                          PendingConnections<AudioSocketConnection> pending, Refusals refusals) {
        this.socket = socket;
        this.peer = socket.getRemoteSocketAddress();
        this.settings = settings;
        this.clock = clock;
        this.sessions = sessions;
        this.pending = pending;
        this.refusals = refusals;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void run() {
        try (socket) {
            Instant accepted = clock.instant();
            FrameReader frames;
            try {
                frames = new FrameReader(socket, clock, settings.maxFrameLength(),
                        accepted.plus(settings.uuidTimeout()), settings.uuidTimeout());
            } catch (IOException closedAlready) {
                // Closed before its thread began: it gave way to a newer connection (or the server is stopping).
                refuse(pending.done(this) ? "closed before naming a session" : GAVE_WAY);
                return;
            }
            ExpectedSession session = identify(frames);
            if (session != null) {
                new Relay(session, frames, accepted).run();
            }
        } catch (IOException e) {
            log.debug("AudioSocket connection from {}: closing failed: {}", peer, e.getMessage());
        }
    }

    /**
     * Sends the hang-up frame and half-closes, once; Asterisk then ends its application and closes. The one thread
     * that wins the flag is the only writer the socket ever has.
     */
    void endWindow() {
        synchronized (writing) {
            if (socket.isClosed() || !hangupSent.compareAndSet(false, true)) {
                return;
            }
            // Fixed before the frame goes out, so frames Asterisk keeps sending cannot postpone our close.
            closeBy = clock.instant().plus(CLOSE_GRACE);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(HANGUP_FRAME);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                log.debug("AudioSocket connection from {}: sending the hang-up frame failed: {}", peer, e.getMessage());
            }
        }
    }

    /** 20 ms of silence to the caller, which resets Asterisk's 2 s no-activity timer; never after our hang-up frame. */
    private void keepAlive() throws IOException {
        synchronized (writing) {
            if (!hangupSent.get() && !socket.isClosed()) {
                OutputStream out = socket.getOutputStream();
                out.write(SILENCE_FRAME);
                out.flush();
            }
        }
    }

    private static byte[] silenceFrame() {
        byte[] frame = new byte[3 + 320];
        frame[0] = (byte) KIND_AUDIO;
        frame[1] = (byte) (320 >> 8);
        frame[2] = (byte) (320 & 0xFF);
        return frame;
    }

    /** Closes a connection that has not named its session, for a newcomer; its own thread counts the refusal. */
    void giveWay() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("AudioSocket connection from {}: closing failed: {}", peer, e.getMessage());
        }
    }

    /** Ends the window and closes the socket at once, for a server that is stopping. */
    void abort() {
        aborted = true;
        endWindow();
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("AudioSocket connection from {}: closing failed: {}", peer, e.getMessage());
        }
    }

    /** Reads the uuid frame and claims its session; null (after counting why) if there is none to claim. */
    private ExpectedSession identify(FrameReader frames) {
        int kind;
        try {
            kind = frames.next();
        } catch (IOException e) {
            return refuse(pending.done(this) ? unnamed(e) : GAVE_WAY);
        }
        if (!pending.done(this)) {
            return refuse(GAVE_WAY);
        }
        if (kind == FrameReader.END_OF_STREAM) {
            // Asterisk does this when AudioSocket runs on a channel that has already hung up (capture 07).
            log.debug("AudioSocket connection from {} closed without naming a session", peer);
            return null;
        }
        if (kind != KIND_UUID || frames.length() != 16) {
            return refuse("began with a frame that is not a uuid");
        }
        ByteBuffer raw = ByteBuffer.wrap(frames.payload(), 0, 16);
        ExpectedSession session = sessions.apply(new UUID(raw.getLong(), raw.getLong()), this);
        return session != null ? session : refuse("named a session no call expects");
    }

    private String unnamed(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "named no session within " + settings.uuidTimeout();
        }
        return e instanceof AudioSocketProtocolException ? "broke the protocol before naming a session"
                : "closed before naming a session";
    }

    /** Counts the refusal, unless the server is stopping; always null, for {@link #identify}. */
    private ExpectedSession refuse(String reason) {
        if (!aborted) {
            refusals.refused(peer, reason);
        }
        return null;
    }

    /** The connected session: delivers frames to the listener and works out how the session ended. */
    private final class Relay {

        private final ExpectedSession session;
        private final AudioSocketListener listener;
        private final FrameReader frames;
        private final Instant started;
        private final Instant mustEndBy;
        private final short[] samples;
        private final ShortBuffer littleEndian;
        private Instant lastFrame;
        private int audioFrames;
        private boolean warnedOfUnknownKind;

        Relay(ExpectedSession session, FrameReader frames, Instant accepted) {
            this.session = session;
            this.listener = session.listener();
            this.frames = frames;
            this.started = accepted;
            this.lastFrame = clock.instant();
            this.mustEndBy = accepted.plus(settings.maxSessionLength());
            this.samples = new short[settings.maxFrameLength() / 2];
            this.littleEndian = ByteBuffer.wrap(frames.payload()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        }

        void run() {
            log.debug("AudioSocket session {} connected from {}", session.uuid(), peer);
            if (session.endRequested()) {
                endWindow();
            }
            SessionEnd end = relay();
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("AudioSocket session {}: closing failed: {}", session.uuid(), e.getMessage());
            }
            log.info("AudioSocket session {} ended: {} after {} audio frames in {} ms", session.uuid(), end,
                    audioFrames, Duration.between(started, clock.instant()).toMillis());
            try {
                listener.onEnd(end);
            } catch (RuntimeException e) {
                log.warn("AudioSocket session {}: the listener failed on the end of the session", session.uuid(), e);
            } finally {
                session.ended(end);
            }
        }

        private SessionEnd relay() {
            try {
                while (true) {
                    boundReads();
                    int kind;
                    try {
                        kind = frames.next();
                    } catch (SocketTimeoutException e) {
                        if (keepAliveInstead()) {
                            continue;
                        }
                        throw e;
                    }
                    if (kind == FrameReader.END_OF_STREAM) {
                        return closedByAsterisk();
                    }
                    lastFrame = clock.instant();
                    SessionEnd end = hangupSent.get() ? null : deliver(kind);
                    if (end != null) {
                        return end;
                    }
                    if (!hangupSent.get() && !lastFrame.isBefore(mustEndBy)) {
                        endTooLongSession();
                    }
                }
            } catch (SocketTimeoutException e) {
                return timedOut();
            } catch (AudioSocketProtocolException e) {
                log.warn("AudioSocket session {} closed: {}", session.uuid(), e.getMessage());
                return SessionEnd.ERROR;
            } catch (IOException e) {
                if (aborted) {
                    return SessionEnd.ERROR;
                }
                if (hangupSent.get()) {
                    return SessionEnd.ENDED_BY_US;
                }
                log.warn("AudioSocket session {} failed: {}", session.uuid(), e.getMessage());
                return SessionEnd.ERROR;
            } catch (RuntimeException e) {
                log.warn("AudioSocket session {}: the listener failed; ending the window", session.uuid(), e);
                endWindow();
                return SessionEnd.ERROR;
            }
        }

        private void boundReads() {
            if (hangupSent.get()) {
                frames.bound(closeBy, CLOSE_GRACE);
            } else {
                Duration quietLeft = settings.idleTimeout().minus(Duration.between(lastFrame, clock.instant()));
                Duration read = quietLeft.compareTo(settings.keepAlive()) < 0 ? quietLeft : settings.keepAlive();
                frames.bound(mustEndBy, read.toMillis() < 1 ? Duration.ofMillis(1) : read);
            }
        }

        /**
         * After a read timed out between frames while the session may stay quiet a while longer: sends silence so
         * that Asterisk keeps the session open (capture 06: it gives up after 2 s without a frame either way), and
         * says to read on.
         */
        private boolean keepAliveInstead() throws IOException {
            Instant now = clock.instant();
            if (hangupSent.get() || !frames.betweenFrames() || !now.isBefore(mustEndBy)
                    || Duration.between(lastFrame, now).compareTo(settings.idleTimeout()) >= 0) {
                return false;
            }
            keepAlive();
            return true;
        }

        /** Hands one frame to the listener; returns how the session ended if the frame ends it. */
        private SessionEnd deliver(int kind) throws AudioSocketProtocolException {
            int length = frames.length();
            switch (kind) {
                case KIND_AUDIO -> {
                    if (length % 2 != 0) {
                        throw new AudioSocketProtocolException("an audio frame of " + length
                                + " bytes, which is not a whole number of 16-bit samples");
                    }
                    audioFrames++;
                    int count = length / 2;
                    littleEndian.get(0, samples, 0, count);
                    if (listener.onAudio(samples, count)) {
                        endWindow();
                    }
                }
                case KIND_DTMF -> {
                    if (length != 1) {
                        throw new AudioSocketProtocolException("a DTMF frame of " + length + " bytes, not 1");
                    }
                    char digit = (char) (frames.payload()[0] & 0xFF);
                    log.debug("AudioSocket session {}: the caller pressed {}", session.uuid(), digit);
                    listener.onDtmf(digit);
                    endWindow();
                }
                case KIND_HANGUP -> {
                    log.debug("AudioSocket session {}: Asterisk sent a hang-up frame", session.uuid());
                    return SessionEnd.CALLER_HUNG_UP;
                }
                case KIND_ERROR -> {
                    return errorFrame(length);
                }
                case KIND_UUID -> log.debug("AudioSocket session {}: ignored a second uuid frame", session.uuid());
                default -> {
                    if (!warnedOfUnknownKind) {
                        warnedOfUnknownKind = true;
                        log.warn("AudioSocket session {}: skipping frames of unknown kind 0x{} ({} bytes)",
                                session.uuid(), Integer.toHexString(kind), length);
                    }
                }
            }
            return null;
        }

        private SessionEnd errorFrame(int length) {
            int code = length > 0 ? frames.payload()[0] & 0xFF : -1;
            if (code == ERROR_CALLER_HUNG_UP) {
                log.debug("AudioSocket session {}: Asterisk reports the caller hung up", session.uuid());
                return SessionEnd.CALLER_HUNG_UP;
            }
            log.warn("AudioSocket session {}: Asterisk sent an error frame (code {})", session.uuid(),
                    code < 0 ? "none" : "0x" + Integer.toHexString(code));
            return SessionEnd.ERROR;
        }

        /** Asterisk closed without a hang-up frame: tell apart its hang-up, its no-activity timeout, and our end. */
        private SessionEnd closedByAsterisk() {
            if (hangupSent.get()) {
                return SessionEnd.ENDED_BY_US;
            }
            if (audioFrames == 0) {
                return SessionEnd.NO_AUDIO;
            }
            Duration quiet = Duration.between(lastFrame, clock.instant());
            return quiet.compareTo(ASTERISK_GAVE_UP_GAP) >= 0 ? SessionEnd.AUDIO_STOPPED : SessionEnd.CALLER_HUNG_UP;
        }

        private SessionEnd timedOut() {
            if (hangupSent.get()) {
                log.debug("AudioSocket session {}: Asterisk did not close within {} of our hang-up frame",
                        session.uuid(), CLOSE_GRACE);
                return SessionEnd.ENDED_BY_US;
            }
            if (!clock.instant().isBefore(mustEndBy)) {
                endTooLongSession();
                return relay();
            }
            log.warn("AudioSocket session {}: nothing received for {}; ending the window", session.uuid(),
                    settings.idleTimeout());
            endWindow();
            return audioFrames == 0 ? SessionEnd.NO_AUDIO : SessionEnd.AUDIO_STOPPED;
        }

        private void endTooLongSession() {
            log.warn("AudioSocket session {}: open for {}, the most allowed; ending the window", session.uuid(),
                    settings.maxSessionLength());
            endWindow();
        }
    }
}
