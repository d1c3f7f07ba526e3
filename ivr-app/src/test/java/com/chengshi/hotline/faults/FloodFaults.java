package com.chengshi.hotline.faults;

import com.chengshi.hotline.RunOptions;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.chengshi.hotline.LogLines;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.agi.FakeAsterisk;
import com.chengshi.hotline.agi.FastAgiServer;
import com.chengshi.hotline.agi.HotlineAgiFixture;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.HotlineFlow;
import com.chengshi.hotline.linecheck.LineCheckProperties;
import com.chengshi.hotline.linecheck.audiosocket.AudioSocketLineCheck;
import com.chengshi.hotline.linecheck.audiosocket.AudioSocketProperties;
import com.chengshi.hotline.linecheck.audiosocket.AudioSocketServer;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flood and fuzz faults of issue 9, each for a few seconds, against the FastAGI and AudioSocket servers in this
 * JVM (real flow, real line check, H2 call log in a temporary directory), while live callers go through the whole
 * flow, line check included. Prints, per fault: the hostile connections it opened; of the calls placed right after
 * it, how many were served; the live calls during it, how many were not served (APP_ERROR, INTERRUPTED or no
 * outcome at all) and how many of their line checks were lost (the session closed without our hang-up frame); the
 * most lines a second any one log message reached, of all levels and of warnings, and the loudest; and how far the
 * heap grew (used heap after a full GC, sampled every 250 ms while the fault ran, over the same before it). Run it
 * with {@code mvn -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.chengshi.hotline.faults.FloodFaults -Dexec.args="--seconds 3"}.
 *
 * <p>Asterisk is 127.0.0.2, the only allowed FastAGI host; the refused-host storm comes from 127.0.0.1 (loopback
 * on Linux answers for all of 127/8). The hostile peers run in this JVM, on the same CPUs as the hotline: the worst
 * case, a flood from Asterisk's own host. Options: {@code --seconds S} (3, per fault), {@code --calls-after N} (20),
 * {@code --live-callers L} (6, as many as the AudioSocket run had), {@code --hostile H} (16 connections
 * at a time, 300 for the idle floods) and {@code --only NAME} (the faults whose name contains NAME).
 */
public final class FloodFaults {

    private static final InetAddress ASTERISK = address("127.0.0.2");
    private static final InetAddress STRANGER = address("127.0.0.1");
    private static final String USAGE =
            "[--seconds S] [--calls-after N] [--live-callers L] [--hostile H] [--only NAME]";
    /** Outcomes of calls the hotline did not serve. */
    private static final List<String> NOT_SERVED = List.of("APP_ERROR", "INTERRUPTED", "none");
    private static final Pattern AUDIOSOCKET = Pattern.compile(
            "EXEC \"?AudioSocket\"? \"?([0-9a-f-]{36})[,|]([^\":]+):([0-9]+)\"?");

    private final Duration faultLength;
    private final int callsAfter;
    private final int liveCallers;
    private final int hostile;
    private final String only;
    private final AtomicInteger callIds = new AtomicInteger();

    private Path dataDir;
    private HikariDataSource dataSource;
    private AudioSocketServer audioSocket;
    private FastAgiServer agi;

    private FloodFaults(Map<String, String> options) {
        faultLength = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "3")));
        callsAfter = Integer.parseInt(options.getOrDefault("--calls-after", "20"));
        liveCallers = Integer.parseInt(options.getOrDefault("--live-callers", "6"));
        hostile = Integer.parseInt(options.getOrDefault("--hostile", "16"));
        only = options.getOrDefault("--only", "");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = RunOptions.parse(args, USAGE);
        // The log is counted, not printed: printing it would measure the terminal, and bury the table.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        FloodFaults faults = new FloodFaults(options);
        try {
            faults.start();
            faults.run();
        } finally {
            faults.stop();
        }
    }

    /** One hostile peer: runs until the deadline, returns how many connections it opened. */
    @FunctionalInterface
    private interface Hostile {
        long run(long deadlineNanos) throws Exception;
    }

    private record Fault(String name, int peers, Hostile peer) {
    }

    private void run() throws Exception {
        System.out.printf("Flood faults: %d s each, %d live callers throughout, %d calls after each; JDK %s, %d CPUs%n",
                faultLength.toSeconds(), liveCallers, callsAfter, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<Fault> faults = List.of(
                new Fault("connect-and-close storm", hostile, deadline -> connectAndClose(ASTERISK, deadline)),
                new Fault("refused-host storm", hostile, deadline -> connectAndClose(STRANGER, deadline)),
                new Fault("FastAGI idle flood", Math.max(hostile, 300), this::idleFastAgi),
                new Fault("endless 520- reply", hostile, this::endlessUsageReply),
                new Fault("endless environment", hostile, this::endlessEnvironment),
                new Fault("fuzzed replies", hostile, this::fuzzedReplies),
                new Fault("AudioSocket idle flood", Math.max(hostile, 300), this::idleAudioSocket));
        // Once without figures, so that the first fault does not pay for class loading and the JIT.
        liveCalls(System.nanoTime() + Duration.ofSeconds(1).toNanos());

        System.out.println();
        System.out.printf("%-24s %8s %7s %6s %7s %7s %7s %7s %7s  %s%n", "fault", "hostile", "served", "live",
                "live", "line", "lines/s", "warns/s", "heap MB", "loudest message");
        System.out.printf("%-24s %8s %7s %6s %7s %7s %7s %7s %7s%n", "", "conns", "after", "calls", "not", "checks",
                "max", "max", "growth");
        System.out.printf("%-24s %8s %7s %6s %7s %7s %7s %7s %7s%n", "", "", "", "", "served", "lost", "", "", "");
        try (LogLines log = LogLines.capture()) {
            for (Fault fault : faults) {
                if (fault.name().contains(only)) {
                    report(fault, log);
                }
            }
        }
    }

    private void report(Fault fault, LogLines log) throws Exception {
        log.clear();
        long heapBefore = heapAfterGc();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        long deadline = System.nanoTime() + faultLength.toNanos();
        ExecutorService threads = Executors.newCachedThreadPool(daemon());
        List<Future<Long>> peers = new ArrayList<>();
        for (int i = 0; i < fault.peers(); i++) {
            peers.add(threads.submit(() -> fault.peer().run(deadline)));
        }
        Future<LiveCalls> live = threads.submit(() -> liveCalls(deadline));
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            heapPeak.accumulateAndGet(heapAfterGc(), Math::max);
        }
        long connections = 0;
        for (Future<Long> peer : peers) {
            connections += peer.get(30, TimeUnit.SECONDS);
        }
        LiveCalls during = live.get(60, TimeUnit.SECONDS);
        threads.shutdownNow();
        heapPeak.accumulateAndGet(heapAfterGc(), Math::max);
        List<ILoggingEvent> lines = log.all();
        int served = callsAfter();
        Map.Entry<String, Long> loudest = loudest(lines);
        Map.Entry<String, Long> loudestWarning = loudest(lines.stream()
                .filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN)).toList());
        System.out.printf("%-24s %8d %4d/%-2d %6d %7d %3d/%-3d %7d %7d %7.1f  %s%n", fault.name(), connections,
                served, callsAfter, during.calls(), during.notServed(), during.lineChecksLost(), during.lineChecks(),
                loudest.getValue(), loudestWarning.getValue(), (heapPeak.get() - heapBefore) / 1e6,
                shorten(loudest.getKey()));
        if (!loudestWarning.getKey().equals(loudest.getKey()) && loudestWarning.getValue() > 0) {
            System.out.printf("%-24s %s%n", "", "loudest warning: " + shorten(loudestWarning.getKey()));
        }
    }

    /** The message (its pattern, so that one message with different peers counts as one) most lines had in a second. */
    private static Map.Entry<String, Long> loudest(List<ILoggingEvent> lines) {
        Map<String, Long> perMessageSecond = lines.stream().collect(Collectors.groupingBy(
                line -> line.getTimeStamp() / 1000 + " " + line.getMessage(), Collectors.counting()));
        return perMessageSecond.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> Map.entry(entry.getKey().substring(entry.getKey().indexOf(' ') + 1), entry.getValue()))
                .orElse(Map.entry("(none)", 0L));
    }

    private static String shorten(String message) {
        return message.length() > 70 ? message.substring(0, 67) + "..." : message;
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // ---------------------------------------------------------------- the hostile peers

    private long connectAndClose(InetAddress from, long deadline) {
        long opened = 0;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agi.port()));
                // A reset, not a FIN: no TIME_WAIT, so that the storm does not use up the ephemeral ports.
                socket.setSoLinger(true, 0);
                opened++;
            } catch (IOException e) {
                // Refused or reset mid-way: the storm goes on.
            }
        }
        return opened;
    }

    /** A broken peer that answers our first command with a usage text that never ends. */
    private long endlessUsageReply(long deadline) {
        byte[] usage = "Returns <literal>0</literal> if playback completes without a digit being pressed.\n"
                .repeat(500).getBytes(StandardCharsets.US_ASCII);
        return callsUntil(deadline, (in, out) -> {
            in.readLine();
            out.write("520-Invalid command syntax.  Proper usage follows:\n".getBytes(StandardCharsets.US_ASCII));
            while (System.nanoTime() < deadline) {
                out.write(usage);
            }
        });
    }

    /** A peer that sends {@code agi_x: y} lines, never the empty line that ends an environment. */
    private long endlessEnvironment(long deadline) {
        byte[] lines = "agi_x: y\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        long opened = 0;
        while (System.nanoTime() < deadline) {
            try (Socket socket = asterisk()) {
                opened++;
                OutputStream out = socket.getOutputStream();
                while (System.nanoTime() < deadline) {
                    out.write(lines);
                }
            } catch (IOException e) {
                // Closed on us, as it should be: again.
            }
        }
        return opened;
    }

    /** Garbled answers to the first command, then plain ones to whatever comes after, until the hotline closes. */
    private long fuzzedReplies(long deadline) {
        Random random = new Random();
        List<byte[]> fuzz = Stream.of("200 result=abc", "200 result=", "200 result=\u0000",
                "200 result=12345678901234567890", "\u0000\u0000\u0000", "A".repeat(1 << 20),
                "510 Invalid or unknown command", "HANGUP\n".repeat(2000), "100 Trying\n".repeat(2000), "999 result=1",
                "", "200", "result=1", "200 result=0 endpos=99999999999999",
                "520-Invalid command syntax.  Proper usage follows:\n" + "usage\n".repeat(300))
                .map(FloodFaults::line).toList();
        return callsUntil(deadline, (in, out) -> {
            in.readLine();
            if (random.nextInt(4) == 0) {
                byte[] noise = new byte[1 + random.nextInt(4096)];
                random.nextBytes(noise);
                out.write(noise);
                out.write('\n');
            } else {
                out.write(fuzz.get(random.nextInt(fuzz.size())));
            }
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                out.write(line(command.startsWith("SET VARIABLE") ? "200 result=1" : "200 result=0"));
            }
        });
    }

    /** Idle FastAGI connections from Asterisk's host: open one, wait for the server to close it, open the next. */
    private long idleFastAgi(long deadline) {
        return idle(deadline, this::asterisk);
    }

    /** The same on AudioSocket. */
    private long idleAudioSocket(long deadline) {
        return idle(deadline, () -> new Socket(InetAddress.getLoopbackAddress(), audioSocket.port()));
    }

    @FunctionalInterface
    private interface Connect {
        Socket open() throws IOException;
    }

    private static long idle(long deadline, Connect connect) {
        long opened = 0;
        while (System.nanoTime() < deadline) {
            try (Socket socket = connect.open()) {
                opened++;
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                socket.getInputStream().read();
            } catch (IOException e) {
                // Closed on us, or the fault is over.
            }
        }
        return opened;
    }

    @FunctionalInterface
    private interface Exchange {
        void run(BufferedReader in, OutputStream out) throws IOException;
    }

    /** Calls with a proper environment, each run by {@code exchange} after it, until the deadline. */
    private long callsUntil(long deadline, Exchange exchange) {
        long calls = 0;
        while (System.nanoTime() < deadline) {
            try (Socket socket = asterisk()) {
                calls++;
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(environment());
                exchange.run(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                        out);
            } catch (IOException e) {
                // Closed on us, as it should be: the next call.
            }
        }
        return calls;
    }

    // ---------------------------------------------------------------- callers the hotline should serve

    private record LiveCalls(int calls, int notServed, int lineChecks, int lineChecksLost) {
        LiveCalls plus(Call call) {
            return new LiveCalls(calls + 1, notServed + (call.served() ? 0 : 1), lineChecks + call.lineChecks(),
                    lineChecksLost + call.lineChecksLost());
        }
    }

    /** {@code liveCallers} callers, each calling again as soon as a call ends, until the deadline. */
    private LiveCalls liveCalls(long deadline) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(liveCallers, daemon());
        List<Future<LiveCalls>> each = new ArrayList<>();
        for (int i = 0; i < liveCallers; i++) {
            each.add(callers.submit(() -> {
                LiveCalls done = new LiveCalls(0, 0, 0, 0);
                while (System.nanoTime() < deadline) {
                    done = done.plus(call());
                }
                return done;
            }));
        }
        LiveCalls all = new LiveCalls(0, 0, 0, 0);
        for (Future<LiveCalls> caller : each) {
            LiveCalls done = caller.get();
            all = new LiveCalls(all.calls() + done.calls(), all.notServed() + done.notServed(),
                    all.lineChecks() + done.lineChecks(), all.lineChecksLost() + done.lineChecksLost());
        }
        callers.shutdown();
        return all;
    }

    /** {@code callsAfter} calls, four at a time: how many were served. */
    private int callsAfter() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4, daemon());
        List<Future<Call>> calls = new ArrayList<>();
        for (int i = 0; i < callsAfter; i++) {
            calls.add(callers.submit(this::call));
        }
        int served = 0;
        for (Future<Call> call : calls) {
            if (call.get(60, TimeUnit.SECONDS).served()) {
                served++;
            }
        }
        callers.shutdown();
        return served;
    }

    private record Call(String outcome, int lineChecks, int lineChecksLost) {
        boolean served() {
            return !NOT_SERVED.contains(outcome);
        }
    }

    /** One caller through the whole flow, as Asterisk 22 runs it; the line check hears speech-like audio. */
    private Call call() {
        String outcome = "none";
        int lineChecks = 0;
        int lost = 0;
        try (Socket socket = asterisk()) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(environment());
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                Matcher audioSocket = AUDIOSOCKET.matcher(command);
                String reply;
                if (audioSocket.find()) {
                    lineChecks++;
                    if (!streamSpeech(UUID.fromString(audioSocket.group(1)), Integer.parseInt(audioSocket.group(3)))) {
                        lost++;
                    }
                    reply = "200 result=0";
                } else if (command.startsWith("SET VARIABLE \"HOTLINE_OUTCOME\"")) {
                    outcome = command.replaceAll(".* \"([A-Z_]+)\"$", "$1");
                    reply = "200 result=1";
                } else if (command.startsWith("SET VARIABLE")) {
                    reply = "200 result=1";
                } else if (command.startsWith("GET DATA")) {
                    reply = "200 result= (timeout)";
                } else if (command.startsWith("HANGUP")) {
                    reply = "200 result=1\nHANGUP";
                } else if (command.startsWith("STREAM FILE")) {
                    reply = "200 result=0 endpos=8000";
                } else {
                    reply = "200 result=0";
                }
                out.write(line(reply));
            }
        } catch (IOException e) {
            // The call broke off; its outcome says so.
        }
        return new Call(outcome, lineChecks, lost);
    }

    /**
     * Asterisk's side of one line check: the uuid, then 20 ms frames of speech-like audio until the hotline's
     * hang-up frame, then our close. False if the hotline closed the session without that frame: a lost line check.
     */
    private static boolean streamSpeech(UUID uuid, int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(19).put((byte) 0x01).putShort((short) 16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
            AtomicBoolean hungUp = new AtomicBoolean();
            Thread hears = new Thread(() -> hungUp.set(awaitHangupFrame(socket)));
            hears.setDaemon(true);
            hears.start();
            try {
                for (int frame = 0; hears.isAlive() && frame < 3000; frame++) {
                    out.write(SPEECH[frame % SPEECH.length]);
                    Thread.sleep(1);
                }
            } catch (IOException e) {
                // Our side is closed once the hang-up frame came, or the hotline closed the session: hears knows which.
            }
            hears.join(10_000);
            return hungUp.get();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads the hotline's frames (keep-alive silence, then the hang-up); closes our side as Asterisk does. */
    private static boolean awaitHangupFrame(Socket socket) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int kind = in.read();
                if (kind < 0) {
                    return false;
                }
                int length = in.readUnsignedShort();
                in.skipNBytes(length);
                if (kind == 0x00) {
                    socket.shutdownOutput();
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** 20 ms frames of syllables of a voiced 180 Hz tone with harmonics, 300 ms on and a 600 ms pause. */
    private static final byte[][] SPEECH = speech();

    private static byte[][] speech() {
        byte[][] frames = new byte[45][];
        Random noise = new Random(9);
        for (int f = 0; f < frames.length; f++) {
            ByteBuffer frame = ByteBuffer.allocate(3 + 320);
            frame.put((byte) 0x10).putShort((short) 320);
            frame.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            boolean voiced = f < 15;
            for (int i = 0; i < 160; i++) {
                double t = (f * 160 + i) / 8000.0;
                double sample = voiced ? 6000 * Math.sin(2 * Math.PI * 180 * t) + 3000 * Math.sin(2 * Math.PI * 360 * t)
                        + 1500 * Math.sin(2 * Math.PI * 720 * t) : 0;
                frame.putShort((short) (sample + noise.nextGaussian() * 20));
            }
            frames[f] = frame.array();
        }
        return frames;
    }

    // ---------------------------------------------------------------- plumbing

    private Socket asterisk() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(ASTERISK, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), agi.port()));
        return socket;
    }

    private byte[] environment() {
        String[] lines = FakeAsterisk.environment("hotline?lang=en-US&seat=7",
                "1763900000." + callIds.incrementAndGet(), "PJSIP/caller-0000002e", "13800138000");
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The hotline as the application wires it, on free ports, with its call log in a temporary directory. */
    private void start() throws IOException {
        dataDir = Files.createTempDirectory("flood-faults");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("calllog") + ";AUTO_SERVER=FALSE");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).load().migrate();
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "hotline.agi.port", "0",
                "hotline.agi.allowed-hosts", ASTERISK.getHostAddress(),
                "hotline.audiosocket.port", "0",
                "hotline.flow.greet-by-time-of-day", "false",
                "hotline.flow.listen-window", "1s",
                "hotline.flow.menu.retries", "0",
                "hotline.flow.menu.when-retries-run-out", "GOODBYE")));
        audioSocket = new AudioSocketServer(binder.bindOrCreate("hotline.audiosocket", AudioSocketProperties.class));
        audioSocket.start();
        Clock clock = Clock.systemUTC();
        HotlineFlow flow = new HotlineFlow(binder.bindOrCreate("hotline.flow", FlowProperties.class),
                new AudioSocketLineCheck(audioSocket, binder.bindOrCreate("hotline.linecheck",
                        LineCheckProperties.class)), prompt -> false, clock);
        agi = new FastAgiServer(binder.bindOrCreate("hotline.agi", AgiProperties.class), flow,
                new CallLog(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource), clock,
                        binder.bindOrCreate("hotline", NodeProperties.class)),
                HotlineAgiFixture.PROMPTS);
        agi.start();
    }

    private void stop() throws IOException {
        if (agi != null) {
            agi.stop();
        }
        if (audioSocket != null) {
            audioSocket.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
