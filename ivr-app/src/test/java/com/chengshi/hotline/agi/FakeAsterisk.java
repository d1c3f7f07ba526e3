package com.chengshi.hotline.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asterisk 22's side of one FastAGI call, as the captures in ../shared/asterisk-captures show it: the environment
 * in one burst, LF-only lines, replies such as {@code 200 result=0 endpos=44140}, the unsolicited {@code HANGUP}
 * line and 511 for commands on a dead channel. Tests use it as a transcript: expect this line, send that reply.
 */
public final class FakeAsterisk implements AutoCloseable {

    public static final String DEAD_CHANNEL = "511 Command Not Permitted on a dead channel or intercept routine";

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private FakeAsterisk(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    public static FakeAsterisk connect(int port) throws IOException {
        return new FakeAsterisk(new Socket("127.0.0.1", port));
    }

    /** Sends the environment a real Asterisk 22 sends for {@code AGI(agi://127.0.0.1:4573/<script>)} (capture 00). */
    public FakeAsterisk callsScript(String script, String callerId) throws IOException {
        return send(environment(script, "1763900000.46", "PJSIP/caller-0000002e", callerId));
    }

    /**
     * Capture 00's environment block, in Asterisk's order, ended by its empty line: what the script, call and caller
     * are may change from call to call, the rest never does.
     */
    public static String[] environment(String script, String uniqueId, String channel, String callerId) {
        return new String[]{
                "agi_network: yes",
                "agi_network_script: " + script,
                "agi_request: agi://127.0.0.1:4573/" + script,
                "agi_channel: " + channel,
                "agi_language: en",
                "agi_type: PJSIP",
                "agi_uniqueid: " + uniqueId,
                "agi_version: GIT-22-69535d4837",
                "agi_callerid: " + callerId,
                "agi_calleridname: " + callerId,
                "agi_callingpres: 0",
                "agi_callingani2: 0",
                "agi_callington: 0",
                "agi_callingtns: 0",
                "agi_dnid: 101",
                "agi_rdnis: unknown",
                "agi_context: lab",
                "agi_extension: 101",
                "agi_priority: 2",
                "agi_enhanced: 0.0",
                "agi_accountcode: ",
                "agi_threadid: 140281862346432",
                ""};
    }

    /** Sends lines, each ended by LF only, in one write. */
    public FakeAsterisk send(String... lines) throws IOException {
        StringBuilder burst = new StringBuilder();
        for (String line : lines) {
            burst.append(line).append('\n');
        }
        out.write(burst.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads the next command the hotline sent and checks it is exactly {@code command}. */
    public FakeAsterisk expect(String command) throws IOException {
        assertThat(in.readLine()).as("command from the hotline").isEqualTo(command);
        return this;
    }

    /** Reads the next command, checks it matches {@code pattern}, and returns it. */
    public String expectMatching(String pattern) throws IOException {
        String command = in.readLine();
        assertThat(command).as("command from the hotline").matches(pattern);
        return command;
    }

    /** Expects {@code command} and answers it with {@code reply} (and any unsolicited lines after it). */
    public FakeAsterisk expect(String command, String... reply) throws IOException {
        return expect(command).send(reply);
    }

    /** The hotline closed the connection without sending anything more. */
    public void expectClosed() throws IOException {
        assertThat(in.readLine()).as("the hotline should have closed the connection").isNull();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
