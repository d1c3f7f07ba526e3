package com.chengshi.hotline.linecheck.audiosocket;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Reads AudioSocket frames (1 byte kind, 2 bytes big-endian length, payload) into one reusable payload buffer.
 * Every read from the socket is bounded twice: by a per-read idle timeout and by an overall deadline, so a peer
 * that trickles bytes cannot hold the thread past the deadline.
 */
final class FrameReader {

    static final int END_OF_STREAM = -1;

    private final Socket socket;
    private final InputStream in;
    private final InstantSource clock;
    private final byte[] buffer = new byte[4096];
    private final byte[] payload;
    private int position;
    private int limit;
    private int length;
    private Instant deadline;
    private Duration idleTimeout;
    /** Inside a frame: a read that times out now has taken part of it, and the stream cannot be read on. */
    private boolean inFrame;

    FrameReader(Socket socket, InstantSource clock, int maxFrameLength, Instant deadline, Duration idleTimeout)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.clock = clock;
        this.payload = new byte[maxFrameLength];
        bound(deadline, idleTimeout);
    }

    /** Bounds the coming reads: none waits longer than {@code idleTimeout}, none starts after {@code deadline}. */
    void bound(Instant deadline, Duration idleTimeout) {
        this.deadline = deadline;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Reads the next frame.
     *
     * @return its kind (0..255), or {@link #END_OF_STREAM} if the peer closed between frames
     * @throws AudioSocketProtocolException if the frame is too long or cut off by the end of the stream
     * @throws SocketTimeoutException if a bound passed
     */
    int next() throws IOException {
        if (position == limit && !fill()) {
            return END_OF_STREAM;
        }
        inFrame = true;
        int kind = buffer[position++] & 0xFF;
        int announced = (readHeaderByte(kind) << 8) | readHeaderByte(kind);
        if (announced > payload.length) {
            throw new AudioSocketProtocolException(String.format(
                    "frame kind 0x%02x announces %d bytes, more than the %d allowed", kind, announced,
                    payload.length));
        }
        int copied = 0;
        while (copied < announced) {
            if (position == limit && !fill()) {
                throw truncated(kind, copied, announced);
            }
            int chunk = Math.min(announced - copied, limit - position);
            System.arraycopy(buffer, position, payload, copied, chunk);
            position += chunk;
            copied += chunk;
        }
        length = announced;
        inFrame = false;
        return kind;
    }

    /** Whether the last {@link #next()} stopped between frames, so that reading may go on after its timeout. */
    boolean betweenFrames() {
        return !inFrame;
    }

    /** The payload of the last frame, valid up to {@link #length()} until the next call to {@link #next()}. */
    byte[] payload() {
        return payload;
    }

    int length() {
        return length;
    }

    private int readHeaderByte(int kind) throws IOException {
        if (position == limit && !fill()) {
            throw new AudioSocketProtocolException(
                    String.format("truncated frame: the stream ended inside the header of a kind 0x%02x frame", kind));
        }
        return buffer[position++] & 0xFF;
    }

    private static AudioSocketProtocolException truncated(int kind, int received, int announced) {
        return new AudioSocketProtocolException(String.format(
                "truncated frame: the stream ended after %d of %d payload bytes of a kind 0x%02x frame", received,
                announced, kind));
    }

    private boolean fill() throws IOException {
        long remaining = Duration.between(clock.instant(), deadline).toMillis();
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.min(idleTimeout.toMillis(), remaining)));
        int read = in.read(buffer);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
