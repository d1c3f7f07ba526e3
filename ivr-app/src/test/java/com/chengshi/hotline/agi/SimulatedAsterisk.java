package com.chengshi.hotline.agi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Asterisk 22 opening many FastAGI calls at once over loopback, with a caller who answers every command at once:
 * the reply formats are those of ../shared/asterisk-captures. Each call sends the environment of capture 00, presses
 * '1' at the first prompt that takes keys (the menu), hangs up at the second WAIT FOR DIGIT (capture 11a: result -1,
 * then the HANGUP line) and from then on answers like a dead channel (511, SET VARIABLE still allowed).
 *
 * <p>All calls are held at their first command until every call has sent it, so that they are truly open at the same
 * time; the heap is measured then, and all calls are released together. One thread drives every connection with a
 * selector, so the load generator does not add a thousand threads of its own to the machine it measures.
 *
 * <p>By default every reply goes out the moment the command arrives. With a think time, ANSWER, STREAM FILE and
 * WAIT FOR DIGIT answer after a random 0.5–1.5 times it, as calls answered over a spread of time and prompts and
 * waits that last would, so that the same open calls load the server at a realistic rate instead of all at once.
 */
final class SimulatedAsterisk {

    private static final String ANY_KEY_PRESSED = "200 result=49 endpos=33280";
    private static final String PLAYED_TO_THE_END = "200 result=0 endpos=44140";
    private static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";

    private final int[] ports;
    private final int calls;
    private final Duration think;
    private final Duration timeout;
    private final PriorityQueue<DelayedReply> delayed = new PriorityQueue<>();

    /** Calls to {@code ports} in turn, as Asterisk spreads them over nodes of equal weight. */
    SimulatedAsterisk(int[] ports, int calls, Duration think, Duration timeout) {
        this.ports = ports;
        this.calls = calls;
        this.think = think;
        this.timeout = timeout;
    }

    /** What one load run measured. Times are in nanoseconds. */
    record Result(int calls, int completed, long setupNanos, long flowNanos, long[] setupLatencies,
                  long[] turnarounds, Map<String, long[]> turnaroundsByCommand, long heapPerCall,
                  int threadsWhileHeld) {

        int rejected() {
            return calls - completed;
        }

        double callsPerSecond() {
            return completed / (flowNanos / 1e9);
        }
    }

    Result run() throws IOException {
        MemoryFootprint idle = MemoryFootprint.measure();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Call> all = new ArrayList<>(calls);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < calls; i++) {
                all.add(Call.dial(selector, ports[i % ports.length], i));
            }
            Samples setup = new Samples(calls);
            Samples turnaround = new Samples(calls * 10);
            Map<String, Samples> byCommand = new TreeMap<>();
            int settled = 0;
            int parked = 0;
            long released = 0;
            MemoryFootprint busy = null;
            while (settled < calls && System.nanoTime() < deadline) {
                selector.select(millisToNextReply());
                for (SelectionKey key : selector.selectedKeys()) {
                    Call call = (Call) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            call.connected();
                        } else if (key.isReadable()) {
                            for (String command = call.readLine(); command != null; command = call.readLine()) {
                                long now = System.nanoTime();
                                if (released == 0) {
                                    setup.add(now - call.lastWriteNanos);
                                    call.parked = command;
                                    parked++;
                                    continue;
                                }
                                turnaround.add(now - call.lastWriteNanos);
                                byCommand.computeIfAbsent(verb(command), v -> new Samples(calls))
                                        .add(now - call.lastWriteNanos);
                                answer(call, command);
                            }
                            if (call.closedByServer) {
                                if (call.parked != null && released == 0) {
                                    parked--;
                                }
                                call.close();
                                settled++;
                            }
                        }
                    } catch (IOException e) {
                        if (call.parked != null && released == 0) {
                            parked--;
                        }
                        call.close();
                        settled++;
                    }
                }
                selector.selectedKeys().clear();
                sendDueReplies();
                if (released == 0 && parked + settled == calls) {
                    busy = MemoryFootprint.measure();
                    released = System.nanoTime();
                    for (Call call : all) {
                        if (call.parked != null && call.channel.isOpen()) {
                            answer(call, call.parked);
                        }
                    }
                }
            }
            long end = System.nanoTime();
            all.forEach(Call::close);
            int completed = (int) all.stream().filter(Call::completed).count();
            Map<String, long[]> commands = new TreeMap<>();
            byCommand.forEach((verb, samples) -> commands.put(verb, samples.sorted()));
            long setupEnd = released == 0 ? end : released;
            MemoryFootprint held = busy == null ? idle : busy;
            return new Result(calls, completed, setupEnd - start, released == 0 ? 0 : end - released, setup.sorted(),
                    turnaround.sorted(), commands, (held.heap - idle.heap) / calls, held.threads - idle.threads);
        }
    }

    private void answer(Call call, String command) throws IOException {
        boolean takesTime = !call.hungUp && (command.equals("ANSWER") || command.startsWith("STREAM FILE")
                || command.startsWith("WAIT FOR DIGIT"));
        String reply = call.replyTo(command);
        if (think.isZero() || !takesTime) {
            call.write(reply);
            return;
        }
        long thinkNanos = (long) (think.toNanos() * (0.5 + ThreadLocalRandom.current().nextDouble()));
        delayed.add(new DelayedReply(System.nanoTime() + thinkNanos, call, reply));
    }

    private long millisToNextReply() {
        DelayedReply next = delayed.peek();
        if (next == null) {
            return 100;
        }
        // select(0) would wait for ever
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next.dueNanos - System.nanoTime()));
    }

    private void sendDueReplies() {
        long now = System.nanoTime();
        while (!delayed.isEmpty() && delayed.peek().dueNanos <= now) {
            DelayedReply due = delayed.poll();
            try {
                due.call.write(due.reply);
            } catch (IOException e) {
                // The connection broke meanwhile: the selector sees it and settles the call, which did not complete.
                due.call.replyLost = true;
            }
        }
    }

    private record DelayedReply(long dueNanos, Call call, String reply) implements Comparable<DelayedReply> {
        @Override
        public int compareTo(DelayedReply other) {
            return Long.compare(dueNanos, other.dueNanos);
        }
    }

    private static String verb(String command) {
        for (String verb : List.of("STREAM FILE", "WAIT FOR DIGIT", "SET VARIABLE")) {
            if (command.startsWith(verb)) {
                return verb;
            }
        }
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /** One call: its socket, what the caller has done so far, and when we last wrote to the server. */
    private static final class Call {
        private final SocketChannel channel;
        private final SelectionKey key;
        private final String uniqueId;
        private final ByteBuffer in = ByteBuffer.allocateDirect(512).limit(0);
        private final StringBuilder line = new StringBuilder(64);
        private long lastWriteNanos;
        private String parked;
        private boolean pressedKey;
        private int waits;
        private boolean hungUp;
        private boolean closedByServer;
        private boolean replyLost;

        private Call(SocketChannel channel, SelectionKey key, String uniqueId) {
            this.channel = channel;
            this.key = key;
            this.uniqueId = uniqueId;
            key.attach(this);
        }

        static Call dial(Selector selector, int port, int number) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(new InetSocketAddress("127.0.0.1", port));
            Call call = new Call(channel, channel.register(selector, SelectionKey.OP_CONNECT),
                    "1763900000." + number);
            if (connected) {
                call.connected();
            }
            return call;
        }

        void connected() throws IOException {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            write(environment());
        }

        /** Capture 00's environment for {@code AGI(agi://127.0.0.1:4573/hotline?lang=zh-CN&line=7)}. */
        private String environment() {
            String[] lines = FakeAsterisk.environment("hotline?lang=zh-CN&line=7", uniqueId,
                    "PJSIP/caller-" + uniqueId.substring(uniqueId.indexOf('.') + 1), "sipp");
            return String.join("\n", lines) + "\n";
        }

        /** The next complete line from the server, or null until more bytes arrive (or at its end of stream). */
        String readLine() throws IOException {
            while (true) {
                while (in.hasRemaining()) {
                    char c = (char) in.get();
                    if (c == '\n') {
                        String complete = line.toString();
                        line.setLength(0);
                        return complete;
                    }
                    line.append(c);
                }
                in.clear();
                int read = channel.read(in);
                in.flip();
                if (read <= 0) {
                    closedByServer = read < 0;
                    return null;
                }
            }
        }

        /** Asterisk 22's reply to a command, with what the caller does meanwhile. */
        String replyTo(String command) {
            if (command.startsWith("SET VARIABLE")) {
                return "200 result=1\n";
            } else if (hungUp) {
                return DEAD_CHANNEL + "\n";
            } else if (command.equals("ANSWER")) {
                return "200 result=0\n";
            } else if (command.startsWith("STREAM FILE")) {
                boolean takesKeys = !command.endsWith("\"\"");
                String reply = takesKeys && !pressedKey ? ANY_KEY_PRESSED : PLAYED_TO_THE_END;
                pressedKey |= takesKeys;
                return reply + "\n";
            } else if (command.startsWith("WAIT FOR DIGIT")) {
                waits++;
                hungUp = waits == 2;
                // One write for the reply and the HANGUP line, as fact G of the captures allows.
                return hungUp ? "200 result=-1\nHANGUP\n" : "200 result=0\n";
            } else if (command.equals("HANGUP")) {
                hungUp = true;
                return "200 result=1\nHANGUP\n";
            }
            return "510 Invalid or unknown command\n";
        }

        void write(String text) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            // Stamped before the write: on loopback the server's thread can wake, answer and be done inside our write
            // call, and a stamp taken after it would hide the server's time.
            lastWriteNanos = System.nanoTime();
            while (out.hasRemaining()) {
                // Replies are a few dozen bytes on an otherwise idle socket: the kernel takes them at once.
                channel.write(out);
            }
        }

        /** The caller reached the menu, hung up at the end, and the server then closed the call. */
        boolean completed() {
            return pressedKey && hungUp && closedByServer && !replyLost;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing is left to tell the server; the call's outcome is already decided.
                key.cancel();
            }
        }
    }

    /** Durations in a growing array, sorted once at the end for percentiles. */
    private static final class Samples {
        private long[] values;
        private int size;

        Samples(int expected) {
            values = new long[Math.max(16, expected)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Live heap after full collections, and the platform threads of this JVM. */
    private record MemoryFootprint(long heap, int threads) {

        static MemoryFootprint measure() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return new MemoryFootprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }
}
