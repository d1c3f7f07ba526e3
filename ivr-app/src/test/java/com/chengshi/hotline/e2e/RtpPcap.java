package com.chengshi.hotline.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a caller's voice (8 kHz 16-bit samples) as the G.711 µ-law RTP stream a phone would send, in a pcap file
 * that sipp's {@code play_pcap_audio} replays at the pace of its timestamps (one 20 ms packet every 20 ms); or a key
 * pressed after a silence, as RFC 4733 events.
 */
final class RtpPcap {

    private static final int SAMPLES_PER_PACKET = 160;

    private RtpPcap() {
    }

    static void write(short[] voice, Path pcap) throws IOException {
        int packets = (voice.length + SAMPLES_PER_PACKET - 1) / SAMPLES_PER_PACKET;
        List<Packet> stream = new ArrayList<>();
        for (int p = 0; p < packets; p++) {
            byte[] payload = new byte[SAMPLES_PER_PACKET];
            for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
                int index = p * SAMPLES_PER_PACKET + i;
                payload[i] = ulaw(index < voice.length ? voice[index] : 0);
            }
            stream.add(new Packet(PCMU, p == 0, p * SAMPLES_PER_PACKET, payload));
        }
        write(stream, pcap);
    }

    /**
     * Silence for {@code after}, then the key {@code key} pressed for 160 ms as a phone sends it: RFC 4733 events
     * (payload type 101, telephone-event) with one timestamp and a growing duration, the last three marked as its end.
     */
    static void writeKey(char key, Duration after, Path pcap) throws IOException {
        int silent = (int) (after.toMillis() / 20);
        List<Packet> stream = new ArrayList<>();
        byte silence = ulaw((short) 0);
        for (int p = 0; p < silent; p++) {
            byte[] payload = new byte[SAMPLES_PER_PACKET];
            java.util.Arrays.fill(payload, silence);
            stream.add(new Packet(PCMU, p == 0, p * SAMPLES_PER_PACKET, payload));
        }
        int event = "0123456789*#".indexOf(key);
        int timestamp = silent * SAMPLES_PER_PACKET;
        for (int n = 1; n <= 11; n++) {
            boolean end = n > 8;
            int duration = Math.min(n, 8) * SAMPLES_PER_PACKET;
            stream.add(new Packet(TELEPHONE_EVENT, n == 1, timestamp, new byte[]{(byte) event,
                    (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration}));
        }
        write(stream, pcap);
    }

    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    /** One RTP packet: sent 20 ms after the one before it. */
    private record Packet(int payloadType, boolean marker, int timestamp, byte[] payload) {
    }

    private static void write(List<Packet> stream, Path pcap) throws IOException {
        int size = 24 + stream.stream().mapToInt(p -> 16 + 14 + 20 + 8 + 12 + p.payload().length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int p = 0; p < stream.size(); p++) {
            Packet packet = stream.get(p);
            int packetLength = 14 + 20 + 8 + 12 + packet.payload().length;
            long micros = p * 20_000L;
            out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                    .putInt(packetLength).putInt(packetLength);
            out.order(ByteOrder.BIG_ENDIAN);
            out.put(new byte[12]).putShort((short) 0x0800);                        // Ethernet, IPv4
            int ipStart = out.position();
            out.put((byte) 0x45).put((byte) 0).putShort((short) (packetLength - 14)).putShort((short) p)
                    .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .putInt(0x7f000001).putInt(0x7f000001);
            out.putShort(ipStart + 10, ipChecksum(out, ipStart));
            out.putShort((short) 16000).putShort((short) 16000).putShort((short) (8 + 12 + packet.payload().length))
                    .putShort((short) 0);                                           // UDP, no checksum
            out.put((byte) 0x80).put((byte) ((packet.marker() ? 0x80 : 0x00) | packet.payloadType()))
                    .putShort((short) p).putInt(packet.timestamp()).putInt(0x484f544c);   // RTP
            out.put(packet.payload());
        }
        Files.write(pcap, out.array());
    }

    private static short ipChecksum(ByteBuffer packet, int start) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += packet.getShort(start + i) & 0xffff;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    /** G.711 µ-law, as in the ITU reference: bias, segment, inverted bits. */
    static byte ulaw(short sample) {
        int value = sample;
        int sign = value < 0 ? 0x80 : 0;
        if (value < 0) {
            value = -value;
        }
        value = Math.min(value, 32635) + 0x84;
        int segment = 7;
        for (int mask = 0x4000; (value & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int mantissa = (value >> (segment + 3)) & 0x0f;
        return (byte) ~(sign | (segment << 4) | mantissa);
    }
}
