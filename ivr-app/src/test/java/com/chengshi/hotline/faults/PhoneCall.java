package com.chengshi.hotline.faults;

import com.chengshi.hotline.agi.FakeAsterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One caller on a whole call to the running hotline, as Asterisk 22 carries it (the reply formats of
 * ../shared/asterisk-captures): the environment of capture 00, prompts that play for {@code promptMillis}, the caller's
 * voice streamed over AudioSocket when the flow listens, key 1 at the menu, and a hang-up at the second wait for a
 * key, after which the channel answers as a dead one. It remembers what Asterisk would know: which prompts played
 * to their end and which outcome the hotline set before it let go of the call.
 */
final class PhoneCall implements Callable<PhoneCall.Result> {

    /** What Asterisk saw of the call. {@code toldOutcome} is null unless the hotline set HOTLINE_OUTCOME. */
    record Result(String uniqueId, boolean answered, int promptsPlayed, String toldOutcome) {
    }

    private static final Pattern AUDIOSOCKET = Pattern.compile("EXEC \"?AudioSocket\"? \"?([0-9a-f-]{36}),([^\"]+)\"?");
    private static final Pattern OUTCOME = Pattern.compile("SET VARIABLE \"?HOTLINE_OUTCOME\"? \"?([A-Z_]+)\"?");
    private static final int FRAME_SAMPLES = 160;

    private final int agiPort;
    private final String uniqueId;
    private final short[] voice;
    private final long promptMillis;

    PhoneCall(int agiPort, String uniqueId, short[] voice, long promptMillis) {
        this.agiPort = agiPort;
        this.uniqueId = uniqueId;
        this.voice = voice;
        this.promptMillis = promptMillis;
    }

    @Override
    public Result call() {
        boolean answered = false;
        int played = 0;
        String outcome = null;
        boolean pressed = false;
        boolean hungUp = false;
        int waits = 0;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), agiPort)) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            write(out, String.join("\n", FakeAsterisk.environment("hotline?lang=zh-CN&line=7", uniqueId,
                    "PJSIP/caller-" + uniqueId, "13800138000")) + "\n");
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                answered = true;
                Matcher told = OUTCOME.matcher(command);
                String reply;
                if (told.lookingAt()) {
                    outcome = told.group(1);
                    reply = "200 result=1";
                } else if (command.startsWith("SET VARIABLE")) {
                    reply = "200 result=1";
                } else if (hungUp) {
                    reply = FakeAsterisk.DEAD_CHANNEL;
                } else if (command.startsWith("STREAM FILE")) {
                    HotlineProcess.pause(promptMillis);
                    boolean takesKeys = !command.endsWith("\"\"");
                    if (takesKeys && !pressed) {
                        pressed = true;
                        reply = "200 result=49 endpos=8000";
                    } else {
                        played++;
                        reply = "200 result=0 endpos=8000";
                    }
                } else if (command.startsWith("WAIT FOR DIGIT")) {
                    waits++;
                    hungUp = waits == 2;
                    HotlineProcess.pause(promptMillis);
                    reply = hungUp ? "200 result=-1\nHANGUP" : "200 result=0";
                } else if (command.startsWith("GET DATA")) {
                    HotlineProcess.pause(promptMillis);
                    reply = "200 result= (timeout)";
                } else if (command.startsWith("EXEC")) {
                    Matcher audioSocket = AUDIOSOCKET.matcher(command);
                    if (audioSocket.lookingAt()) {
                        speak(UUID.fromString(audioSocket.group(1)), audioSocket.group(2));
                    }
                    reply = "200 result=0";
                } else if (command.equals("HANGUP")) {
                    hungUp = true;
                    reply = "200 result=1\nHANGUP";
                } else if (command.startsWith("CHANNEL STATUS")) {
                    reply = "200 result=6";
                } else {
                    reply = "200 result=0";
                }
                write(out, reply + "\n");
            }
            return new Result(uniqueId, answered, played, outcome);
        } catch (IOException hotlineGone) {
            // Killed mid-call: what Asterisk saw up to here is what the call log is checked against.
            return new Result(uniqueId, answered, played, outcome);
        }
    }

    /** The caller's voice to the line check, 20 ms frames ten times faster than real time, until it hangs up on us. */
    private void speak(UUID session, String address) {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ByteBuffer.allocate(19).put((byte) 0x01).putShort((short) 16)
                    .putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits()).array());
            // At most a minute of voice: longer than any listening window the server keeps open.
            for (int frames = 0, at = 0; frames < 3000; frames++) {
                at = (at + FRAME_SAMPLES) % (voice.length - FRAME_SAMPLES);
                ByteBuffer frame = ByteBuffer.allocate(3 + 2 * FRAME_SAMPLES).put((byte) 0x10)
                        .putShort((short) (2 * FRAME_SAMPLES));
                for (int i = 0; i < FRAME_SAMPLES; i++) {
                    frame.put((byte) voice[at + i]).put((byte) (voice[at + i] >> 8));
                }
                // Once the server has ended the session and closed, a write fails: that is the end of it.
                out.write(frame.array());
                in.skip(in.available());
                HotlineProcess.pause(2);
            }
        } catch (IOException e) {
            // The server ended the session: what Asterisk sees when the line check is done.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
