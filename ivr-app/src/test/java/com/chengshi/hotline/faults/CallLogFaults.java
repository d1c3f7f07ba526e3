package com.chengshi.hotline.faults;

import com.chengshi.hotline.RunOptions;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.linecheck.Corpus;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The call log's faults of docs/reliability.md, on the packaged hotline in its own process, with callers on whole
 * calls: kill -9 at random moments, and the data directory's disk filled up and freed again. It prints what the call
 * log kept against what Asterisk was told. Run from the project root:
 * <pre>
 * mvn -B -q package -DskipTests
 * mvn -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.chengshi.hotline.faults.CallLogFaults -Dexec.args="--kills 10 --callers 8"
 * </pre>
 * The disk-full run mounts a small tmpfs, which needs root; without it the run says so and skips that fault.
 */
public final class CallLogFaults {

    private static final String USAGE = "[--kills N] [--callers C]";
    private static final Pattern CALL_LOG_HEALTH = Pattern.compile("\"callLog\":\\{(?:\"details\":\\{[^}]*\\},)?\"status\":\"(\\w+)\"");
    private static final Pattern KEPT = Pattern.compile("\"keptWrites\":(\\d+)");

    private final int kills;
    private final int callers;
    private final Path work;
    private final Path soundDir;
    private final short[] voice;
    private final Random random = new Random(17);

    private CallLogFaults(int kills, int callers) throws Exception {
        this.kills = kills;
        this.callers = callers;
        this.work = Files.createTempDirectory("hotline-faults");
        this.soundDir = work.resolve("sounds");
        this.voice = WavFiles.readTelephone(Corpus.directory().resolve("clear-001.wav"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = RunOptions.parse(args, USAGE);
        var faults = new CallLogFaults(Integer.parseInt(options.getOrDefault("--kills", "10")),
                Integer.parseInt(options.getOrDefault("--callers", "8")));
        System.out.println("Call-log faults; working in " + faults.work);
        faults.killedAtRandomMoments();
        faults.diskFullAndFreed();
    }

    /** Callers on back-to-back calls until {@code stop}; every call made is added to {@code made}. */
    private List<Future<?>> callContinuously(ExecutorService threads, int agiPort, String prefix, AtomicBoolean stop,
                                             List<PhoneCall.Result> made) {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            long promptMillis = 10 + random.nextInt(30);
            running.add(threads.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    made.add(new PhoneCall(agiPort, prefix + "-" + caller + "-" + n, voice, promptMillis).call());
                }
            }));
        }
        return running;
    }

    private void killedAtRandomMoments() throws Exception {
        Path dataDir = work.resolve("kill-data");
        Path log = work.resolve("kill.log");
        List<PhoneCall.Result> made = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newCachedThreadPool();
        for (int round = 1; round <= kills; round++) {
            HotlineProcess hotline = HotlineProcess.start(dataDir, soundDir, log);
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> running = callContinuously(threads, hotline.agiPort, "kill" + round, stop, made);
            HotlineProcess.pause(1000 + random.nextInt(3000));
            hotline.kill();
            stop.set(true);
            for (Future<?> caller : running) {
                caller.get(1, TimeUnit.MINUTES);
            }
        }
        // One more start closes the calls the last kill cut off, as a restart after a crash does.
        HotlineProcess.start(dataDir, soundDir, log).close();
        threads.shutdown();
        report("kill -9 at a random moment, " + kills + " times, " + callers + " callers", made, dataDir, log);
    }

    private void diskFullAndFreed() throws Exception {
        Path dataDir = work.resolve("disk");
        Files.createDirectories(dataDir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", dataDir.toString())
                .redirectErrorStream(true).start();
        if (mount.waitFor() != 0) {
            System.out.println("Disk full: skipped, a small tmpfs cannot be mounted here ("
                    + new String(mount.getInputStream().readAllBytes()).trim() + "); run as root to include it");
            return;
        }
        Path log = work.resolve("disk.log");
        try {
            List<PhoneCall.Result> made = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newCachedThreadPool();
            AtomicBoolean stop = new AtomicBoolean();
            String healthFull;
            long recoveredMillis;
            List<PhoneCall.Result> whileFull;
            try (HotlineProcess hotline = HotlineProcess.start(dataDir, soundDir, log)) {
                List<Future<?>> running = callContinuously(threads, hotline.agiPort, "disk", stop, made);
                HotlineProcess.pause(3000);
                Path filler = dataDir.resolve("filler");
                fill(filler);
                int before = made.size();
                HotlineProcess.pause(5000);
                healthFull = hotline.health();
                whileFull = new ArrayList<>(made.subList(before, made.size()));
                Files.delete(filler);
                long freed = System.nanoTime();
                while (!recovered(hotline.health()) && System.nanoTime() - freed < TimeUnit.MINUTES.toNanos(1)) {
                    HotlineProcess.pause(50);
                }
                recoveredMillis = (System.nanoTime() - freed) / 1_000_000;
                HotlineProcess.pause(3000);
                stop.set(true);
                for (Future<?> caller : running) {
                    caller.get(1, TimeUnit.MINUTES);
                }
            }
            threads.shutdown();
            System.out.println();
            System.out.println("Disk full (tmpfs of 64 MB filled for 5 s, then freed):");
            Matcher callLog = CALL_LOG_HEALTH.matcher(healthFull);
            System.out.printf("  health while full: %s, callLog %s%n", healthFull.replaceAll(
                    ".*\"status\":\"(\\w+)\"}$", "$1"), callLog.find() ? callLog.group(1) : "absent");
            System.out.printf("  calls while full: %d, served to their end (told an outcome other than APP_ERROR): %d%n",
                    whileFull.size(), whileFull.stream().filter(r -> r.toldOutcome() != null
                            && !r.toldOutcome().equals("APP_ERROR")).count());
            System.out.printf("  call log taking writes again, all kept writes stored: %d ms after the space was freed%n",
                    recoveredMillis);
            report("disk full and freed", made, dataDir, log);
        } finally {
            new ProcessBuilder("umount", dataDir.toString()).start().waitFor();
        }
    }

    private static boolean recovered(String health) {
        Matcher callLog = CALL_LOG_HEALTH.matcher(health);
        Matcher kept = KEPT.matcher(health);
        return callLog.find() && callLog.group(1).equals("UP") && kept.find() && kept.group(1).equals("0");
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: as intended.
        }
    }

    /** What the call log kept of the calls made, against what Asterisk saw of them. */
    private static void report(String fault, List<PhoneCall.Result> made, Path dataDir, Path log) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
        dataSource.setUser("sa");
        JdbcClient db = JdbcClient.create(dataSource);
        Map<String, Map<String, Object>> rows = new HashMap<>();
        db.sql("""
                        select c.unique_id, c.outcome, c.ended_at, c.ended_in_step,
                               (select count(*) from call_event e where e.call_id = c.id and e.prompt is not null)
                               as prompts
                        from hotline_call c""")
                .query().listOfRows().forEach(row -> rows.put((String) row.get("UNIQUE_ID"), row));
        int reached = 0;
        int lost = 0;
        int told = 0;
        int lostEnd = 0;
        int interrupted = 0;
        int interruptedWithStep = 0;
        int playedPrompts = 0;
        int missingPrompts = 0;
        for (PhoneCall.Result call : made) {
            if (!call.answered()) {
                continue;
            }
            reached++;
            Map<String, Object> row = rows.get(call.uniqueId());
            if (row == null) {
                lost++;
                continue;
            }
            if (call.toldOutcome() != null) {
                told++;
                if (row.get("ENDED_AT") == null || !call.toldOutcome().equals(row.get("OUTCOME"))) {
                    lostEnd++;
                }
            } else if ("INTERRUPTED".equals(row.get("OUTCOME"))) {
                interrupted++;
                if (row.get("ENDED_IN_STEP") != null) {
                    interruptedWithStep++;
                }
            }
            playedPrompts += call.promptsPlayed();
            missingPrompts += Math.max(0, call.promptsPlayed() - ((Number) row.get("PROMPTS")).intValue());
        }
        System.out.println();
        System.out.println(fault + ":");
        System.out.printf("  calls that reached the hotline: %d, with no row in the call log: %d%n", reached, lost);
        System.out.printf("  calls whose outcome Asterisk was told: %d, whose end the log lost: %d%n", told, lostEnd);
        System.out.printf("  calls cut off (never told an outcome) closed as INTERRUPTED: %d, with the step they were "
                + "in: %d%n", interrupted, interruptedWithStep);
        System.out.printf("  prompts played to their end: %d, missing from the log: %d%n", playedPrompts,
                missingPrompts);
        System.out.printf("  most repeated log line in one second: %s%n", LogFile.mostRepeatedPerSecond(log));
    }
}
