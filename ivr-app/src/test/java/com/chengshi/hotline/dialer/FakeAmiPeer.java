package com.chengshi.hotline.dialer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asterisk's Manager Interface as captured from a real Asterisk 22: a TCP server that greets as the capture did and
 * answers each action with the lines the real Asterisk sent after the same action, with the action's own ActionID
 * (and, for an Originate, its ChannelId as the channel's Uniqueid) in place of the captured ones. Which captured
 * Originate answers a dial string is the test's word ({@link #answer}); the rest is found by the action's name.
 */
final class FakeAmiPeer implements AutoCloseable {

    private final List<AmiTranscript> transcripts;
    private final Map<String, AmiTranscript.Exchange> originates = new ConcurrentHashMap<>();
    /** Dial strings whose call stays up after its OriginateResponse, until {@link #hangUp}. */
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    /** What a held call still has to send (its channel's events up to the Hangup), and where. */
    private final Map<String, Runnable> heldBack = new ConcurrentHashMap<>();
    /** Every action received, each as its lines, in order. */
    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private final int port;

    FakeAmiPeer(AmiTranscript... transcripts) throws IOException {
        this.transcripts = List.of(transcripts);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        accept(server);
    }

    int port() {
        return port;
    }

    /**
     * An Originate of {@code channel} is answered as the captured Originate with ActionID (or ChannelId)
     * {@code capturedActionId}.
     */
    FakeAmiPeer answer(String channel, String capturedActionId) {
        AmiTranscript.Exchange exchange = transcripts.stream()
                .flatMap(t -> t.find("ActionID", capturedActionId).or(() -> t.find("ChannelId", capturedActionId))
                        .stream()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no captured action " + capturedActionId));
        originates.put(channel, exchange);
        return this;
    }

    /**
     * As {@link #answer}, but the answered call stays up: the captured lines after the OriginateResponse (the call's
     * end) are sent only on {@link #hangUp}.
     */
    FakeAmiPeer answerAndHold(String channel, String capturedActionId) {
        held.put(channel, true);
        return answer(channel, capturedActionId);
    }

    /** The held call on {@code channel} ends: its remaining captured events are sent. */
    void hangUp(String channel) {
        Runnable rest = heldBack.remove(channel);
        if (rest == null) {
            throw new IllegalStateException("no call held on " + channel);
        }
        rest.run();
    }

    List<List<String>> received() {
        return Collections.unmodifiableList(received);
    }

    /** The actions received with {@code Action: name}. */
    List<List<String>> received(String name) {
        return received.stream().filter(a -> AmiTranscript.header(a, "Action").filter(name::equalsIgnoreCase)
                .isPresent()).toList();
    }

    /** As Asterisk stopping: every connection closes and nothing listens until {@link #restart}. */
    void stop() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
    }

    /** As Asterisk starting again, on the same port. */
    void restart() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = again;
        accept(again);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    clients.add(client);
                    Thread session = new Thread(() -> serve(client), "fake-ami-session");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-ami-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            send(out, transcripts.get(0).greeting());
            List<String> action = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    action.add(line);
                    continue;
                }
                if (action.isEmpty()) {
                    continue;
                }
                received.add(List.copyOf(action));
                List<String> reply = reply(action);
                Optional<String> channel = AmiTranscript.header(action, "Channel").filter(held::containsKey);
                if (channel.isPresent()) {
                    int end = endOfOriginateResponse(reply);
                    List<String> rest = reply.subList(end, reply.size());
                    heldBack.put(channel.get(), () -> {
                        try {
                            send(out, rest);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    reply = reply.subList(0, end);
                }
                send(out, reply);
                action = new ArrayList<>();
                if (AmiTranscript.header(reply, "Response").filter("Goodbye"::equals).isPresent()) {
                    return; // Asterisk closes the connection after Logoff, in the same ms (capture 16)
                }
            }
        } catch (SocketException e) {
            // closed by stop() or by the client
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> reply(List<String> action) {
        String name = AmiTranscript.header(action, "Action").orElse("");
        Optional<AmiTranscript.Exchange> captured = name.equalsIgnoreCase("Originate")
                ? AmiTranscript.header(action, "Channel").map(originates::get)
                : transcripts.stream().flatMap(t -> t.find("Action", name).stream()).findFirst();
        if (captured.isEmpty()) {
            return withActionId(List.of("Response: Error", "ActionID: ", "Message: Invalid/unknown command", ""),
                    "", action);
        }
        List<String> replies = captured.get().replies();
        String capturedId = captured.get().header("ActionID").orElse("");
        List<String> substituted = withActionId(replies, capturedId, action);
        Optional<String> channelId = AmiTranscript.header(action, "ChannelId");
        Optional<String> capturedUniqueId = replies.stream().filter(l -> l.startsWith("Uniqueid: "))
                .map(l -> l.substring("Uniqueid: ".length())).filter(u -> !u.equals("<unknown>")).findFirst();
        if (channelId.isPresent() && capturedUniqueId.isPresent()) {
            substituted = substituted.stream().map(l -> l.replace(capturedUniqueId.get(), channelId.get())).toList();
        }
        return substituted;
    }

    /** The index just past the OriginateResponse event (and its empty line) in {@code reply}. */
    private static int endOfOriginateResponse(List<String> reply) {
        int start = reply.indexOf("Event: OriginateResponse");
        if (start < 0) {
            throw new IllegalArgumentException("the captured reply has no OriginateResponse to hold the call after");
        }
        return reply.subList(start, reply.size()).indexOf("") + start + 1;
    }

    private static List<String> withActionId(List<String> lines, String capturedId, List<String> action) {
        String sent = AmiTranscript.header(action, "ActionID").orElse("");
        return lines.stream().map(l -> l.equals("ActionID: " + capturedId) ? "ActionID: " + sent : l).toList();
    }

    private static synchronized void send(OutputStream out, List<String> lines) throws IOException {
        StringBuilder wire = new StringBuilder();
        lines.forEach(l -> wire.append(l).append("\r\n"));
        out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
