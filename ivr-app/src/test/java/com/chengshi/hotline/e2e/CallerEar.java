package com.chengshi.hotline.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's ear: the UDP port the caller's SDP offers, so Asterisk sends what the caller hears here. Groups the
 * RTP packets into stretches of audio (a pause of more than {@link #PAUSE_MS} starts a new one): with nothing else
 * playing on a hotline call, each stretch is one prompt or a run of prompts played back to back.
 */
final class CallerEar implements AutoCloseable {

    static final long PAUSE_MS = 200;

    /** A stretch of audio the caller received: when it started, in ms after the ear opened, and how long it was. */
    record Stretch(long startMs, long lengthMs) {
        long endMs() {
            return startMs + lengthMs;
        }
    }

    private final DatagramSocket socket;
    private final long opened = System.nanoTime();
    private final List<Stretch> stretches = new ArrayList<>();
    private final Thread listener;
    private long firstOfStretch = -1;
    private long lastArrival = -1;
    private long audioInStretch;

    CallerEar() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        listener = new Thread(this::listen, "caller-ear");
        listener.setDaemon(true);
        listener.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    long nowMs() {
        return (System.nanoTime() - opened) / 1_000_000;
    }

    private void listen() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                socket.receive(packet);
                int payloadType = buffer[1] & 0x7f;
                if (packet.getLength() > 12 && payloadType == 0) {
                    heard(nowMs(), (packet.getLength() - 12) / 8);
                }
            }
        } catch (IOException closed) {
            // close() ends the listener
        }
    }

    private synchronized void heard(long at, long audioMs) {
        if (lastArrival >= 0 && at - lastArrival > PAUSE_MS) {
            stretches.add(new Stretch(firstOfStretch, audioInStretch));
            firstOfStretch = -1;
        }
        if (firstOfStretch < 0) {
            firstOfStretch = at;
            audioInStretch = 0;
        }
        audioInStretch += audioMs;
        lastArrival = at;
    }

    /** The stretches heard so far, the one in progress included. */
    synchronized List<Stretch> stretches() {
        List<Stretch> all = new ArrayList<>(stretches);
        if (firstOfStretch >= 0) {
            all.add(new Stretch(firstOfStretch, audioInStretch));
        }
        return all;
    }

    @Override
    public void close() {
        socket.close();
    }
}
