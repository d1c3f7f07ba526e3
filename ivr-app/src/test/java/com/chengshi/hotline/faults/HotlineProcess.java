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

/**
 * The packaged hotline ({@code ivr-app/target/ivr-app.jar}) as its own process, so that a fault can be what it is on
 * a real machine: a kill -9, a full disk. Its output goes to {@code log}.
 */
final class HotlineProcess implements AutoCloseable {

    private static final Path JAR = Path.of("ivr-app/target/ivr-app.jar");

    private final Process process;
    private final Path log;
    final int agiPort;
    final int httpPort;
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
        int agiPort = freePort();
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--hotline.data-dir=" + dataDir, "--hotline.prompts.sound-dir=" + soundDir,
                "--hotline.prompts.asterisk-user=", "--hotline.agi.port=" + agiPort,
                "--hotline.audiosocket.port=" + freePort(), "--server.port=" + httpPort));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
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
                throw new IllegalStateException("The hotline did not start; see " + log);
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
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A normal shutdown (SIGTERM), as systemd or docker stop does it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
