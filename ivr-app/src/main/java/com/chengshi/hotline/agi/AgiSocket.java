package com.chengshi.hotline.agi;

import org.asteriskjava.util.SocketConnectionFacade;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One FastAGI connection as asterisk-java's reader and writer want it. Lines end with LF only, as Asterisk sends
 * them. asterisk-java reads the environment up to its empty line and a {@code 520-} reply up to its last
 * {@code 520} line, however long either goes on; so that a broken peer cannot fill our memory, a line longer than
 * {@link #MAX_LINE} bytes, or a message (the environment, or the reply to one command) longer than
 * {@link #MAX_MESSAGE_LINES} lines or {@link #MAX_MESSAGE_BYTES} bytes, is an {@link AgiProtocolException}, which
 * asterisk-java passes on untouched (it would take an IOException for a hang-up).
 */
final class AgiSocket implements SocketConnectionFacade {

    static final int MAX_LINE = 8192;
    /**
     * Asterisk's environment is about 25 lines and its arguments (at most 128), its longest reply a usage text of a
     * dozen lines (capture 12): ten times the longest real message still fits.
     */
    static final int MAX_MESSAGE_LINES = 256;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    /** Of the message being read: everything since our last command, or since the connection opened. */
    private int messageLines;
    private int messageBytes;

    AgiSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Returns the next line without its LF, or null at the end of the stream.
     *
     * @throws AgiProtocolException past one of the limits, saying which, e.g. "a line over 8192 bytes"
     * @throws AgiConnectionLostException if the socket's read timeout passed
     */
    @Override
    public String readLine() throws IOException {
        if (++messageLines > MAX_MESSAGE_LINES) {
            throw new AgiProtocolException("more than " + MAX_MESSAGE_LINES + " lines");
        }
        line.reset();
        for (int b = read(); b != '\n'; b = read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE) {
                throw new AgiProtocolException("a line over " + MAX_LINE + " bytes");
            }
            if (++messageBytes > MAX_MESSAGE_BYTES) {
                throw new AgiProtocolException("more than " + MAX_MESSAGE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** asterisk-java takes any IOException on a reply's first line for a hang-up; a timeout is not one. */
    private int read() throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AgiConnectionLostException("nothing from Asterisk within " + socket.getSoTimeout() + " ms", e);
        }
    }

    /** A command: what comes next is the reply to it, a message of its own. */
    @Override
    public void write(String s) throws IOException {
        messageLines = 0;
        messageBytes = 0;
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
