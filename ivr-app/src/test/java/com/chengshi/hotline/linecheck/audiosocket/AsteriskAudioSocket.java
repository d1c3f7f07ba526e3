package com.chengshi.hotline.linecheck.audiosocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays Asterisk's side of an AudioSocket connection, frame by frame as the captures in
 * {@code /work/shared/asterisk-captures} show it: {@code send...} writes what Asterisk sent, {@code expect...} checks
 * what the server answers.
 */
public final class AsteriskAudioSocket implements AutoCloseable {

    /** Far beyond any loopback delay: a test that hits it has found a server that does not answer. */
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private AsteriskAudioSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public static AsteriskAudioSocket connect(int port) throws IOException {
        return new AsteriskAudioSocket(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Where the server sees this connection come from, as it logs it. */
    String address() {
        return socket.getLocalSocketAddress().toString();
    }

    /** {@code 01 00 10} and the 16 raw uuid bytes: always Asterisk's first frame on a live channel. */
    public AsteriskAudioSocket sendUuid(UUID uuid) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(19).put((byte) 0x01).putShort((short) 16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return send(frame.array());
    }

    /** One audio frame: kind 0x10, the samples as signed 16-bit little-endian. */
    public AsteriskAudioSocket sendAudio(short... samples) throws IOException {
        byte[] frame = new byte[3 + samples.length * 2];
        frame[0] = 0x10;
        frame[1] = (byte) (samples.length * 2 >> 8);
        frame[2] = (byte) (samples.length * 2);
        for (int i = 0; i < samples.length; i++) {
            frame[3 + 2 * i] = (byte) samples[i];
            frame[4 + 2 * i] = (byte) (samples[i] >> 8);
        }
        return send(frame);
    }

    /** {@code count} frames of 20 ms (160 samples, 320 bytes) of the 1 kHz tone sipp played in 05, 06 and 08. */
    AsteriskAudioSocket sendTone(int count) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        short[] samples = new short[160];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        for (int n = 0; n < count; n++) {
            frames.write(0x10);
            frames.write(320 >> 8);
            frames.write(320 & 0xFF);
            for (short sample : samples) {
                frames.write(sample & 0xFF);
                frames.write(sample >> 8 & 0xFF);
            }
        }
        return send(frames.toByteArray());
    }

    /** {@code 03 00 01 <ascii>}, as Asterisk sends it when the key is released. */
    AsteriskAudioSocket sendDtmf(char digit) throws IOException {
        return send(new byte[] {0x03, 0x00, 0x01, (byte) digit});
    }

    /** Raw bytes, written as given, e.g. {@code "10 ff ff"}. */
    AsteriskAudioSocket sendHex(String hex) throws IOException {
        return send(HexFormat.ofDelimiter(" ").parseHex(hex));
    }

    private AsteriskAudioSocket send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Asterisk closes its end (FIN), as it does when its application returns. */
    AsteriskAudioSocket closeOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** The next bytes from the server are exactly {@code hex}, e.g. the hang-up frame {@code "00 00 00"}. */
    /** Whether the server has sent something not yet read (e.g. its hang-up frame). */
    public boolean serverHasSent() throws IOException {
        return in.available() > 0;
    }

    /**
     * Skips the keep-alive silence the server sends while it hears nothing (kind 0x10, 320 bytes), however many
     * frames came, then expects {@code hex}.
     */
    AsteriskAudioSocket expectHexAfterSilence(String hex) throws IOException {
        byte[] expected = HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] received = in.readNBytes(expected.length);
        while (received.length == 3 && received[0] == 0x10 && received[1] == 0x01 && received[2] == 0x40) {
            in.readNBytes(320);
            received = in.readNBytes(expected.length);
        }
        assertEquals(hex, HexFormat.ofDelimiter(" ").formatHex(received), "bytes from the server");
        return this;
    }

    public AsteriskAudioSocket expectHex(String hex) throws IOException {
        byte[] expected = HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] received = in.readNBytes(expected.length);
        assertEquals(hex, HexFormat.ofDelimiter(" ").formatHex(received), "bytes from the server");
        return this;
    }

    /** The server has closed (or half-closed) its end without sending anything more. */
    public AsteriskAudioSocket expectClosed() throws IOException {
        try {
            int next = in.read();
            if (next >= 0) {
                fail(String.format("expected the server to close, but it sent 0x%02x", next));
            }
        } catch (SocketException e) {
            fail("expected the server to close cleanly, but the connection broke: " + e.getMessage());
        }
        return this;
    }

    /**
     * The server has stopped reading and closed, possibly with our last frames unread, in which case TCP resets the
     * connection instead of closing it cleanly.
     */
    AsteriskAudioSocket expectCutOff() throws IOException {
        try {
            int next = in.read();
            if (next >= 0) {
                fail(String.format("expected the server to close, but it sent 0x%02x", next));
            }
        } catch (SocketException e) {
            return this;
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
