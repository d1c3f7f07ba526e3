package com.chengshi.hotline.dialer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the AMI captures the fake peer replays (src/test/resources/captures/ami-*.txt): a relay between the app and a
 * real Asterisk's AMI port that writes every line, each way, in the layout of ../shared/asterisk-captures, with the
 * Login secret and key masked. One connection, then it exits.
 *
 * <pre>java ... AmiRecorder &lt;listen port&gt; &lt;asterisk host&gt; &lt;asterisk port&gt; &lt;out file&gt; "&lt;header&gt;"</pre>
 */
public final class AmiRecorder {

    public static void main(String[] args) throws Exception {
        int listen = Integer.parseInt(args[0]);
        Path out = Path.of(args[3]);
        try (ServerSocket server = new ServerSocket(listen, 1, InetAddress.getLoopbackAddress());
             PrintWriter transcript = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), true)) {
            transcript.println("# " + args[4]);
            transcript.println("# Format: <ms since the AMI TCP connect> <<< line from Asterisk | >>> line sent to"
                    + " Asterisk | --- event (not on the wire); CR LF on the wire, shown without it. Made by"
                    + " AmiRecorder; the Login's Secret and Key are shown as <secret>.");
            try (Socket app = server.accept(); Socket asterisk = new Socket(args[1], Integer.parseInt(args[2]))) {
                long start = System.currentTimeMillis();
                transcript.println("0 --- TCP connection to Asterisk " + args[1] + ":" + args[2] + " established");
                Thread up = relay(app, asterisk, ">>>", transcript, start);
                Thread down = relay(asterisk, app, "<<<", transcript, start);
                up.join();
                down.join();
            }
        }
    }

    private static Thread relay(Socket from, Socket to, String direction, PrintWriter transcript, long start) {
        Thread thread = new Thread(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(from.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = to.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    // Written down before it is passed on, so that the transcript's order is what each side saw.
                    String shown = line.replaceFirst("(?i)^(Secret|Key): .*", "$1: <secret>");
                    synchronized (transcript) {
                        transcript.println((System.currentTimeMillis() - start) + " " + direction + " " + shown);
                    }
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                synchronized (transcript) {
                    transcript.println((System.currentTimeMillis() - start) + " --- EOF: "
                            + (direction.equals("<<<") ? "Asterisk" : "the app") + " closed the AMI connection");
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // the other side closed first
            }
        });
        thread.start();
        return thread;
    }
}
