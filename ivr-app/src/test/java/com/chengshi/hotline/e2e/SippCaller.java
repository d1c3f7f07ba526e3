package com.chengshi.hotline.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A caller placed with sipp (Debian package sip-tester): it registers nothing, dials the hotline as a softphone
 * account (answering Asterisk's digest challenge), streams its voice from an RTP pcap, offers the {@link CallerEar}'s
 * port for what it hears, and either hangs up itself after a while or waits for Asterisk to hang up.
 */
final class SippCaller {

    /** How the call ends, and what sipp's exit code 0 means. */
    sealed interface Ending permits CallerHangsUp, HotlineHangsUp {
    }

    /** The caller sends BYE this long after the call is answered. */
    record CallerHangsUp(Duration after) implements Ending {
    }

    /** The caller waits (up to the limit) for Asterisk's BYE. */
    record HotlineHangsUp(Duration limit) implements Ending {
    }

    /** What sipp reported: its exit code (0 when the scenario ran as written) and its log. */
    record Result(int exitCode, String log, long endedAtMs) {
    }

    private final E2ESettings settings;
    private final Path workDir;

    SippCaller(E2ESettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    /** Calls the hotline with {@code voicePcap} as the caller's voice, or with no RTP at all when it is null. */
    Result call(Path voicePcap, CallerEar ear, Ending ending) throws IOException, InterruptedException {
        Path scenario = workDir.resolve("caller-" + System.nanoTime() + ".xml");
        Files.writeString(scenario, scenario(voicePcap, ear.port(), ending), StandardCharsets.ISO_8859_1);
        Path log = workDir.resolve(scenario.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of("sipp", settings.sipHost() + ":" + settings.sipPort(),
                "-sf", scenario.toString(), "-s", settings.hotlineNumber(), "-m", "1", "-l", "1",
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", Integer.toString(freeUdpPort()),
                "-mp", Integer.toString(freeUdpPort()), "-au", settings.user(), "-ap", settings.password(),
                "-nostdin", "-timeout", "180s", "-timeout_error", "-trace_err", "-error_file",
                workDir.resolve(scenario.getFileName() + ".errors").toString()));
        Process sipp = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!sipp.waitFor(200, TimeUnit.SECONDS)) {
            sipp.destroy();
            throw new IllegalStateException("sipp did not end; see " + log);
        }
        long ended = ear.nowMs();
        Path errors = workDir.resolve(scenario.getFileName() + ".errors");
        String report = Files.readString(log, StandardCharsets.ISO_8859_1)
                + (Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "");
        return new Result(sipp.exitValue(), report, ended);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private String scenario(Path voicePcap, int earPort, Ending ending) {
        String user = settings.user();
        String invite = """
                INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
                To: <sip:[service]@[remote_ip]:[remote_port]>
                Call-ID: [call_id]
                CSeq: %2$d INVITE
                Contact: <sip:%1$s@[local_ip]:[local_port]>
                Max-Forwards: 70
                %3$sContent-Type: application/sdp
                Content-Length: [len]

                v=0
                o=caller 1 1 IN IP4 [media_ip]
                s=-
                c=IN IP4 [media_ip]
                t=0 0
                m=audio %4$d RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                a=sendrecv
                """;
        String ack = """
                ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch%3$s]
                From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
                To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
                Call-ID: [call_id]
                CSeq: %2$d ACK
                Contact: <sip:%1$s@[local_ip]:[local_port]>
                Max-Forwards: 70
                Content-Length: 0
                """;
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="hotline caller">
                """);
        xml.append(send(invite.formatted(user, 1, "", earPort), true))
                .append("<recv response=\"100\" optional=\"true\"/>\n")
                .append("<recv response=\"401\" auth=\"true\"/>\n")
                .append(send(ack.formatted(user, 1, "-3"), false))
                .append(send(invite.formatted(user, 2, "[authentication]\n", earPort), true))
                .append("<recv response=\"100\" optional=\"true\"/>\n")
                .append("<recv response=\"180\" optional=\"true\"/>\n")
                .append("<recv response=\"183\" optional=\"true\"/>\n")
                .append("<recv response=\"200\" rrs=\"true\"/>\n")
                .append(send(ack.formatted(user, 2, ""), false));
        if (voicePcap != null) {
            xml.append("<nop><action><exec play_pcap_audio=\"").append(voicePcap).append("\"/></action></nop>\n");
        }
        if (ending instanceof CallerHangsUp hangUp) {
            xml.append("<pause milliseconds=\"").append(hangUp.after().toMillis()).append("\"/>\n")
                    .append(send("""
                            BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                            From: <sip:%1$s@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
                            To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
                            Call-ID: [call_id]
                            CSeq: 3 BYE
                            Max-Forwards: 70
                            Content-Length: 0
                            """.formatted(user), true))
                    .append("<recv response=\"200\" crlf=\"true\"/>\n");
        } else {
            HotlineHangsUp waits = (HotlineHangsUp) ending;
            xml.append("<recv request=\"BYE\" timeout=\"").append(waits.limit().toMillis()).append("\"/>\n")
                    .append(send("""
                            SIP/2.0 200 OK
                            [last_Via:]
                            [last_From:]
                            [last_To:]
                            [last_Call-ID:]
                            [last_CSeq:]
                            Content-Length: 0
                            """, false));
        }
        return xml.append("</scenario>\n").toString();
    }

    private static String send(String message, boolean retransmit) {
        return "<send" + (retransmit ? " retrans=\"500\"" : "") + "><![CDATA[\n" + message + "\n]]></send>\n";
    }
}
