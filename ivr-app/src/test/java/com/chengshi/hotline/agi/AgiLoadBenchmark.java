package com.chengshi.hotline.agi;

import ch.qos.logback.classic.Level;
import com.chengshi.hotline.ConnectionThreads;
import com.chengshi.hotline.PostgresTestDatabase;
import com.chengshi.hotline.RunOptions;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.calllog.NodeProperties;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.HotlineFlow;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Retry;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Verdict;
import com.zaxxer.hikari.HikariDataSource;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.awaitility.core.ConditionTimeoutException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The FastAGI load benchmark (docs/performance.md): N calls held open at once, then run through the whole hotline
 * flow with instant replies, against our server and, in the same run, against a bare asterisk-java DefaultAgiServer
 * whose script sends the same commands and does nothing else. Run it with
 * {@code mvn -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.chengshi.hotline.agi.AgiLoadBenchmark -Dexec.args="--calls 1000"}.
 *
 * <p>Options: {@code --calls N} (1000), {@code --rounds R} (3), {@code --think-ms T} (0: replies take T ms on average
 * instead of none), {@code --db-pool P} (10, Spring Boot's default), {@code --call-log h2|postgresql|none} (h2; several
 * separated by commas run side by side in the same rounds; postgresql is the tests' server, a schema of its own each
 * round; none shows what the call log costs), {@code --nodes N} (1; N above 1 adds, in the same rounds, N servers
 * sharing one PostgreSQL call log, each a node with its own pool, the calls dealt to them in turn) and {@code --timeout-seconds S} (120 per round).
 */
public final class AgiLoadBenchmark {

    /** The issue's targets for the 2-core machine. */
    private static final double TARGET_P99_MS = 2.0;
    private static final double TARGET_RATIO_TO_BARE = 1.5;

    private static final LineCheck CLEAR_AT_ONCE = (call, window) ->
            new LineReport(Verdict.CLEAR, -24.0, -68.0, 44.0, 0, 0, null);

    private static final String BARE = "asterisk-java";
    private static final String NODES = "-nodes-";

    private static final String USAGE = "[--calls N] [--rounds R] [--think-ms T] [--db-pool P] "
            + "[--call-log h2|postgresql|none[,...]] [--nodes N] [--timeout-seconds S]";

    private final int calls;
    private final int rounds;
    private final Duration think;
    private final int dbPool;
    private final List<String> callLogs;
    private final int nodes;
    private final Duration timeout;
    private final int threadsBeforeAnyServer = ManagementFactory.getThreadMXBean().getThreadCount();

    private AgiLoadBenchmark(Map<String, String> options) {
        calls = Integer.parseInt(options.getOrDefault("--calls", "1000"));
        rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        think = Duration.ofMillis(Long.parseLong(options.getOrDefault("--think-ms", "0")));
        dbPool = Integer.parseInt(options.getOrDefault("--db-pool", "10"));
        callLogs = List.of(options.getOrDefault("--call-log", "h2").split(","));
        if (!List.of("h2", "postgresql", "none").containsAll(callLogs)) {
            throw new IllegalArgumentException("--call-log is h2, postgresql or none, or several of them: " + callLogs);
        }
        nodes = Integer.parseInt(options.getOrDefault("--nodes", "1"));
        if (nodes > 1 && !callLogs.contains("postgresql")) {
            throw new IllegalArgumentException("--nodes shares one PostgreSQL call log between nodes: add "
                    + "postgresql to --call-log");
        }
        timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--timeout-seconds", "120")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = RunOptions.parse(args, USAGE);
        // Our server logs two INFO lines a call, the bare one none: printing them would measure the terminal.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        new AgiLoadBenchmark(options).run();
    }

    private void run() throws Exception {
        System.out.printf("FastAGI load benchmark: %d concurrent calls, %s, %d round(s); call log %s behind a Hikari "
                        + "pool of %d%s%n", calls,
                think.isZero() ? "instant replies" : "prompts and waits answered after ~" + think.toMillis() + " ms",
                rounds, String.join(", ", callLogs.stream().map(AgiLoadBenchmark::describe).toList()), dbPool,
                nodes > 1 ? "; and " + nodes + " nodes sharing PostgreSQL, each with such a pool, the calls dealt to "
                        + "them in turn" : "");
        System.out.printf("JDK %s (%s), %s; %d CPUs, %s %s; our calls on %s%n", Runtime.version(),
                System.getProperty("java.vendor"), garbageCollectors(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), ConnectionThreads.describe());
        System.out.println("Load average before: " + loadAverage());
        List<String> servers = new ArrayList<>(callLogs.stream().map(log -> "hotline-" + log).toList());
        if (nodes > 1) {
            servers.add("hotline-postgresql" + NODES + nodes);
        }
        servers.add(BARE);
        // One unreported round each, so that the first reported round does not pay for class loading and the JIT.
        for (String server : servers) {
            measure(server(server), calls);
        }

        System.out.println();
        System.out.printf("%-26s %5s %6s %8s %7s %8s %8s %8s %8s %8s %9s %8s%n", "server", "round", "done",
                "rejected", "setup s", "calls/s", "p50 ms", "p99 ms", "max ms", "setup99", "heap KB/c", "+threads");
        Map<String, List<SimulatedAsterisk.Result>> results = new LinkedHashMap<>();
        servers.forEach(server -> results.put(server, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            // Each round starts with the next server, so that none always runs on a warmer or a noisier machine.
            for (int i = 0; i < servers.size(); i++) {
                String server = servers.get((round - 1 + i) % servers.size());
                results.get(server).add(report(server, round, server(server)));
            }
        }
        results.forEach((server, rounds) -> byCommand(server, rounds.get(rounds.size() - 1)));
        summary(results);
        System.out.println("Load average after: " + loadAverage());
    }

    private static String describe(String callLog) {
        return switch (callLog) {
            case "h2" -> "H2 file";
            case "postgresql" -> "PostgreSQL (" + PostgresTestDatabase.serverUrl() + ")";
            default -> "none (calls not recorded)";
        };
    }

    /** The machine is shared: other builds' load is part of every figure, so the report states it. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "unknown";
    }

    /** {@value #BARE}, or hotline-LOG with one node, or hotline-postgresql{@value #NODES}N with N. */
    private ServerUnderLoad server(String name) throws Exception {
        if (name.equals(BARE)) {
            return BareAsteriskJava.start(calls);
        }
        String[] logAndNodes = name.substring("hotline-".length()).split(NODES);
        return new Hotline(calls, dbPool, logAndNodes[0], logAndNodes.length > 1 ? nodes : 1);
    }

    private SimulatedAsterisk.Result report(String name, int round, ServerUnderLoad server) throws Exception {
        Measured measured = measure(server, calls);
        SimulatedAsterisk.Result result = measured.result();
        System.out.printf("%-26s %5d %6d %8d %7.2f %8.0f %8.3f %8.3f %8.3f %8.1f %9.1f %8d%n", name, round,
                result.completed(), result.rejected(), result.setupNanos() / 1e9, result.callsPerSecond(),
                millis(percentile(result.turnarounds(), 50)), millis(percentile(result.turnarounds(), 99)),
                millis(percentile(result.turnarounds(), 100)), millis(percentile(result.setupLatencies(), 99)),
                result.heapPerCall() / 1024.0, result.threadsWhileHeld());
        measured.audit().ifPresent(audit -> System.out.println("  " + audit));
        return result;
    }

    private record Measured(SimulatedAsterisk.Result result, Optional<String> audit) {
    }

    private Measured measure(ServerUnderLoad server, int load) throws Exception {
        Measured measured;
        try (server) {
            SimulatedAsterisk.Result result = new SimulatedAsterisk(server.ports(), load, think, timeout).run();
            measured = new Measured(result, server.auditOf(result));
        }
        awaitCallThreadsGone();
        return measured;
    }

    /** Lets the last round's call threads end, so that they count neither in the next heap figure nor its threads. */
    private void awaitCallThreadsGone() {
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(
                    () -> ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBeforeAnyServer + 10);
        } catch (ConditionTimeoutException e) {
            System.out.println("(call threads of the last round still alive after 10 s: the next heap figure holds them)");
        }
    }

    private static void byCommand(String name, SimulatedAsterisk.Result result) {
        System.out.printf("%n%s, last round, turnaround by the command the server sent next:%n", name);
        result.turnaroundsByCommand().forEach((verb, samples) -> System.out.printf(
                "  %-16s %6d commands  p50 %7.3f ms  p99 %7.3f ms%n", verb, samples.length,
                millis(percentile(samples, 50)), millis(percentile(samples, 99))));
    }

    private void summary(Map<String, List<SimulatedAsterisk.Result>> results) {
        List<SimulatedAsterisk.Result> bare = results.get(BARE);
        double bareP50 = median(bare, r -> millis(percentile(r.turnarounds(), 50)));
        double bareP99 = median(bare, r -> millis(percentile(r.turnarounds(), 99)));
        double bareRate = median(bare, SimulatedAsterisk.Result::callsPerSecond);
        double bareHeap = median(bare, r -> r.heapPerCall() / 1024.0);
        System.out.printf("%nMedians over %d round(s), and each server's ratio to %s%n", rounds, BARE);
        System.out.printf("  %-26s %9s %7s %10s %7s %10s %7s %9s %7s %9s%n", "server", "calls/s", "ratio", "p50 ms",
                "ratio", "p99 ms", "ratio", "heap KB", "ratio", "rejected");
        results.forEach((server, ours) -> {
            double rate = median(ours, SimulatedAsterisk.Result::callsPerSecond);
            double p50 = median(ours, r -> millis(percentile(r.turnarounds(), 50)));
            double p99 = median(ours, r -> millis(percentile(r.turnarounds(), 99)));
            double heap = median(ours, r -> r.heapPerCall() / 1024.0);
            System.out.printf("  %-26s %9.0f %7.2f %10.3f %7.2f %10.3f %7.2f %9.1f %7.2f %9d%n", server, rate,
                    rate / bareRate, p50, p50 / bareP50, p99, p99 / bareP99, heap, heap / bareHeap,
                    ours.stream().mapToInt(SimulatedAsterisk.Result::rejected).sum());
        });
        results.forEach((server, ours) -> {
            if (server.equals(BARE)) {
                return;
            }
            double p50 = median(ours, r -> millis(percentile(r.turnarounds(), 50)));
            double p99 = median(ours, r -> millis(percentile(r.turnarounds(), 99)));
            int rejected = ours.stream().mapToInt(SimulatedAsterisk.Result::rejected).sum();
            System.out.printf("%nTargets (%s)%n", server);
            System.out.printf("  %d concurrent calls, none rejected   %s (%d rejected)%n", calls,
                    verdict(rejected == 0), rejected);
            System.out.printf("  turnaround p99 <= %.1f ms            %s (%.3f ms)%n", TARGET_P99_MS,
                    verdict(p99 <= TARGET_P99_MS), p99);
            System.out.printf("  turnaround <= %.1fx the bare server  %s (p50 %.2fx, p99 %.2fx)%n",
                    TARGET_RATIO_TO_BARE, verdict(p50 <= TARGET_RATIO_TO_BARE * bareP50
                            && p99 <= TARGET_RATIO_TO_BARE * bareP99), p50 / bareP50, p99 / bareP99);
        });
    }

    private static String verdict(boolean met) {
        return met ? "MET   " : "MISSED";
    }

    private static double median(List<SimulatedAsterisk.Result> results, ToDoubleFunction<SimulatedAsterisk.Result> of) {
        double[] values = results.stream().mapToDouble(of).sorted().toArray();
        return values[values.length / 2];
    }

    /** The nearest-rank percentile of sorted samples; 0 when there are none. */
    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String garbageCollectors() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }

    /** A FastAGI server, or several, listening on loopback for one round. */
    private interface ServerUnderLoad extends AutoCloseable {

        int[] ports();

        /** The server's own account of the round, where it keeps one, next to what the simulated Asterisk saw. */
        Optional<String> auditOf(SimulatedAsterisk.Result result);

        @Override
        void close() throws Exception;
    }

    /**
     * Our server as production wires it: the real flow, a Hikari pool in front of the call log (a file H2 as
     * application.yml has it, or a schema of its own on the test PostgreSQL), capacity for every call. Only the
     * prompts are fixed and the line check hears a clear line at once. With {@code nodes} above 1, as many servers
     * share the one call log, each as a node of its own.
     */
    private static final class Hotline implements ServerUnderLoad {
        private final Path dataDir;
        private final PostgresTestDatabase postgres;
        private final List<HikariDataSource> pools = new ArrayList<>();
        private final JdbcClient db;
        private final boolean withCallLog;
        private final List<CallLog> callLogs = new ArrayList<>();
        private final List<FastAgiServer> servers = new ArrayList<>();

        private Hotline(int capacity, int dbPool, String callLog, int nodes) throws IOException {
            withCallLog = !callLog.equals("none");
            dataDir = Files.createTempDirectory("agi-load-benchmark");
            postgres = callLog.equals("postgresql") ? PostgresTestDatabase.create() : null;
            Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                    "hotline.agi.port", "0",
                    "hotline.agi.capacity", Integer.toString(capacity),
                    "hotline.flow.greet-by-time-of-day", "false")));
            Clock clock = Clock.systemUTC();
            for (int node = 1; node <= nodes; node++) {
                // Each node its own pool, as each node's process has.
                HikariDataSource pool = pool(dbPool);
                if (node == 1) {
                    Flyway.configure().dataSource(pool).load().migrate();
                }
                pools.add(pool);
                NodeProperties named = new NodeProperties("benchmark-" + node, Duration.ofSeconds(10),
                        Duration.ofMinutes(2));
                JdbcClient jdbc = JdbcClient.create(pool);
                PlatformTransactionManager transactions = new DataSourceTransactionManager(pool);
                CallLog log = withCallLog ? new CallLog(jdbc, transactions, clock, named)
                        : new NoCallLog(jdbc, transactions, clock, named);
                callLogs.add(log);
                FastAgiServer server = new FastAgiServer(binder.bindOrCreate("hotline.agi", AgiProperties.class),
                        new HotlineFlow(binder.bindOrCreate("hotline.flow", FlowProperties.class), CLEAR_AT_ONCE,
                                // The bare server's script sends the commands of a flow whose prompts read no number.
                                prompt -> false, clock),
                        log, HotlineAgiFixture.PROMPTS);
                server.start();
                servers.add(server);
            }
            db = JdbcClient.create(pools.get(0));
        }

        private HikariDataSource pool(int size) {
            HikariDataSource pool = new HikariDataSource();
            if (postgres != null) {
                pool.setJdbcUrl(postgres.url());
                pool.setUsername(postgres.user());
                pool.setPassword(postgres.password());
            } else {
                pool.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("calllog") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0");
                pool.setUsername("sa");
                pool.setPassword("");
            }
            pool.setMaximumPoolSize(size);
            return pool;
        }

        @Override
        public int[] ports() {
            return servers.stream().mapToInt(FastAgiServer::port).toArray();
        }

        /**
         * The call log must tell the same story as the simulated Asterisk; says how many rows a call wrote, and
         * which node served how many.
         */
        @Override
        public Optional<String> auditOf(SimulatedAsterisk.Result result) {
            if (!withCallLog) {
                return Optional.empty();
            }
            int logged = db.sql("select count(*) from hotline_call where outcome = 'COMPLETED'").query(Integer.class)
                    .single();
            int events = db.sql("select count(*) from call_event").query(Integer.class).single();
            String byNode = servers.size() == 1 ? "" : ", " + db.sql("""
                            select node_id, count(*) as calls from hotline_call where outcome = 'COMPLETED'
                            group by node_id order by node_id""")
                    .query((row, n) -> row.getString("node_id") + " " + row.getInt("calls")).list();
            return Optional.of(String.format("call log: %d calls COMPLETED, %.1f call_event rows a call%s", logged,
                    events / (double) result.calls(), byNode));
        }

        @Override
        public void close() throws Exception {
            servers.forEach(FastAgiServer::stop);
            callLogs.forEach(CallLog::close);
            pools.forEach(HikariDataSource::close);
            if (postgres != null) {
                postgres.close();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Records nothing: what our server does without the call log, to show what the call log costs. */
    private static final class NoCallLog extends CallLog {

        NoCallLog(JdbcClient db, PlatformTransactionManager transactions, Clock clock, NodeProperties node) {
            super(db, transactions, clock, node);
        }

        @Override
        public <T> T record(CallDetails details, Function<CallJournal, T> call) {
            return call.apply(new CallJournal() {
                private volatile Outcome outcome;

                @Override
                public void answered() {
                }

                @Override
                public void step(String step) {
                }

                @Override
                public void prompt(String promptId) {
                }

                @Override
                public void digits(String digits) {
                }

                @Override
                public void heard(LineReport report) {
                }

                @Override
                public void note(String detail) {
                }

                @Override
                public void retry(Retry kind) {
                }

                @Override
                public void callbackRequested(FollowUp kind, String callbackNumber, String recording) {
                }

                @Override
                public void rated(Satisfaction answer) {
                }

                @Override
                public void questionWithoutNumber(FollowUp kind, String recording) {
                }

                @Override
                public void ended(Outcome outcome, HungUpBy hungUpBy) {
                    this.outcome = outcome;
                }

                @Override
                public String currentStep() {
                    return "not recorded";
                }

                @Override
                public Outcome outcome() {
                    return outcome;
                }
            });
        }
    }

    /**
     * asterisk-java's own DefaultAgiServer, pool sized for every call, running a script that sends the commands our
     * flow sends for the same caller and does nothing else: the floor for the protocol and threading alone.
     */
    private static final class BareAsteriskJava implements ServerUnderLoad {
        private final int port;
        private final DefaultAgiServer server;

        private BareAsteriskJava(int poolSize) throws IOException, InterruptedException {
            port = freePort();
            CountDownLatch listening = new CountDownLatch(1);
            server = new DefaultAgiServer(new StaticMappingStrategy(BareAsteriskJava::sameCommandsAsTheFlow)) {
                @Override
                protected ServerSocketFacade createServerSocket() throws IOException {
                    ServerSocketFacade socket = super.createServerSocket();
                    listening.countDown();
                    return socket;
                }
            };
            server.setAddress(InetAddress.getLoopbackAddress());
            server.setPort(port);
            server.setMaximumPoolSize(poolSize);
            Thread acceptor = new Thread(() -> {
                try {
                    server.startup();
                } catch (IOException e) {
                    throw new IllegalStateException("the bare asterisk-java server did not start", e);
                }
            }, "bare-agi-server");
            // startup() blocks in its accept loop until shutdown().
            acceptor.setDaemon(true);
            acceptor.start();
            if (!listening.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bare asterisk-java server did not listen within 10 s");
            }
        }

        static BareAsteriskJava start(int poolSize) throws IOException, InterruptedException {
            return new BareAsteriskJava(poolSize);
        }

        private static void sameCommandsAsTheFlow(AgiRequest request, AgiChannel channel) throws AgiException {
            channel.answer();
            channel.streamFile("/sounds/zh-CN/greeting-seat1");
            channel.streamFile("/sounds/zh-CN/menu", "0123456789*#");
            channel.streamFile("/sounds/zh-CN/info-opening-hours");
            channel.streamFile("/sounds/zh-CN/anything-else", "0123456789*#");
            channel.waitForDigit(4000);
            channel.streamFile("/sounds/zh-CN/goodbye");
            channel.waitForDigit(10000);
        }

        private static int freePort() throws IOException {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            }
        }

        @Override
        public int[] ports() {
            return new int[] {port};
        }

        /** asterisk-java keeps no record of its calls; the simulated Asterisk's count is the only one. */
        @Override
        public Optional<String> auditOf(SimulatedAsterisk.Result result) {
            return Optional.empty();
        }

        @Override
        public void close() {
            server.shutdown();
        }
    }
}
