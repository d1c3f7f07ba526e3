package com.chengshi.hotline.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packaged hotline ({@code ivr-app/target/ivr-app.jar}) as its own process, so that a fault can be what it is on
 * a real machine: a kill -9, a full disk. Its output goes to {@code log}.
 */
public final class HotlineProcess implements AutoCloseable {

    private static final Path JAR = Path.of("ivr-app/target/ivr-app.jar");

    private final Process process;
    private final Path log;
    public final int agiPort;
    public final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HotlineProcess(Process process, Path log, int agiPort, int httpPort) {
        this.process = process;
        this.log = log;
        this.agiPort = agiPort;
        this.httpPort = httpPort;
    }

    /** Starts the hotline on free ports with {@code dataDir} and {@code soundDir}, and waits until it takes calls. */
    static HotlineProcess start(Path dataDir, Path soundDir, Path log, String... settings) throws IOException {
        Path jar = JAR.toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -B -q package -DskipTests` first");
        }
        return start(List.of("-jar", jar.toString()), dataDir, soundDir, log, settings);
    }

    /**
     * The same from the classes a test runs on, for tests in the build's test phase, before the jar is packaged.
     * The JVM is this one's, the classpath the test's own; it runs in the project root, as the jar is run.
     */
    public static HotlineProcess startFromTestClasspath(Path dataDir, Path soundDir, Path log, String... settings)
            throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path"), "com.chengshi.hotline.IvrApplication"),
                dataDir, soundDir, log, settings);
    }

    private static HotlineProcess start(List<String> program, Path dataDir, Path soundDir, Path log,
                                        String... settings) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        // Maven runs tests in the module's directory; the hotline runs where its prompts/ are.
        if (!Files.isDirectory(root.resolve("prompts")) && Files.isDirectory(root.resolveSibling("prompts"))) {
            root = root.getParent();
        }
        List<String> options = new ArrayList<>(List.of("--hotline.data-dir=" + dataDir,
                "--hotline.prompts.sound-dir=" + soundDir, "--hotline.prompts.asterisk-user=",
                "--hotline.agi.port=" + freePort(), "--hotline.audiosocket.port=" + freePort(),
                "--server.port=" + freePort()));
        // A setting given twice would be bound as a list of both: one in {@code settings} replaces the default.
        List<String> overridden = Stream.of(settings).map(s -> s.substring(0, s.indexOf('=') + 1)).toList();
        options.removeIf(option -> overridden.stream().anyMatch(option::startsWith));
        options.addAll(List.of(settings));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(program);
        command.addAll(options);
        int agiPort = port(options, "--hotline.agi.port=");
        int httpPort = port(options, "--server.port=");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HotlineProcess hotline = new HotlineProcess(process, log, agiPort, httpPort);
        hotline.awaitStarted(log, Files.exists(log) ? Files.readString(log).length() : 0);
        return hotline;
    }

    private void awaitStarted(Path log, int from) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            if (output.indexOf("Started IvrApplication", from) >= 0) {
                return;
            }
            if (!process.isAlive()) {
                String[] lines = output.substring(from).split("\n");
                throw new IllegalStateException("The hotline did not start; see " + log + "; it ended with:\n"
                        + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length)));
            }
            pause(100);
        }
        throw new IllegalStateException("The hotline did not start within 2 minutes; see " + log);
    }

    /** {@code /actuator/health} as the hotline answers it (UP or DOWN), or why it could not. */
    String health() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** kill -9: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A normal shutdown (SIGTERM), as systemd or docker stop does it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(List<String> options, String option) {
        return options.stream().filter(o -> o.startsWith(option)).findFirst()
                .map(o -> Integer.parseInt(o.substring(option.length()))).orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
