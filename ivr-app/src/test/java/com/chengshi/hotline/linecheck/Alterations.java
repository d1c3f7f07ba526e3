package com.chengshi.hotline.linecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What the telephone network and the room do to a recording, applied to corpus clips to check generalisation. */
final class Alterations {

    private Alterations() {
    }

    static short[] gainDb(short[] audio, double db) {
        double factor = Math.pow(10, db / 20);
        double[] scaled = new double[audio.length];
        for (int i = 0; i < audio.length; i++) {
            scaled[i] = audio[i] * factor / 32768;
        }
        return Signals.pcm(scaled);
    }

    /** {@code seconds} of digital silence, then the audio. */
    static short[] afterSilence(short[] audio, double seconds) {
        short[] later = new short[(int) (seconds * Signals.RATE) + audio.length];
        System.arraycopy(audio, 0, later, later.length - audio.length, audio.length);
        return later;
    }

    /** Mains hum: 50 Hz with its odd harmonics, as a badly earthed line adds it, at an RMS level of levelDbfs. */
    static short[] withHum(short[] audio, double levelDbfs) {
        double[] hum = new double[audio.length];
        double energy = 0;
        for (int i = 0; i < audio.length; i++) {
            double t = (double) i / Signals.RATE;
            hum[i] = Math.sin(2 * Math.PI * 50 * t) + 0.5 * Math.sin(2 * Math.PI * 150 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 250 * t);
            energy += hum[i] * hum[i];
        }
        double factor = Math.pow(10, levelDbfs / 20) / Math.sqrt(energy / audio.length);
        double[] mixed = new double[audio.length];
        for (int i = 0; i < audio.length; i++) {
            mixed[i] = audio[i] / 32768.0 + hum[i] * factor;
        }
        return Signals.pcm(mixed);
    }

    /** Encoded with G.711 µ-law and decoded again, as a call crosses the network. */
    static short[] muLawRoundTrip(short[] audio) {
        short[] decoded = new short[audio.length];
        for (int i = 0; i < audio.length; i++) {
            decoded[i] = muLawDecode(muLawEncode(audio[i]));
        }
        return decoded;
    }

    /** Encoded with G.711 A-law and decoded again, as a call crosses a European network. */
    static short[] aLawRoundTrip(short[] audio) {
        short[] decoded = new short[audio.length];
        for (int i = 0; i < audio.length; i++) {
            decoded[i] = aLawDecode(aLawEncode(audio[i]));
        }
        return decoded;
    }

    /** Encoded with GSM 06.10 full rate and decoded again (by sox), as a mobile call crosses the network. */
    static short[] gsmRoundTrip(short[] audio) {
        try {
            Path raw = Files.createTempFile("linecheck-gsm", ".raw");
            Path gsm = Files.createTempFile("linecheck-gsm", ".gsm");
            try {
                ByteBuffer bytes = ByteBuffer.allocate(audio.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (short sample : audio) {
                    bytes.putShort(sample);
                }
                Files.write(raw, bytes.array());
                List<String> pcm = List.of("-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1");
                LineCheckMaterial.run(concat(List.of("sox"), pcm,
                        List.of(raw.toString(), "-t", "gsm", gsm.toString())));
                LineCheckMaterial.run(concat(List.of("sox", "-t", "gsm", gsm.toString()), pcm,
                        List.of(raw.toString())));
                ByteBuffer decoded = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
                short[] samples = new short[audio.length];
                for (int i = 0; i < samples.length && decoded.remaining() >= 2; i++) {
                    samples[i] = decoded.getShort();
                }
                return samples;
            } finally {
                Files.deleteIfExists(raw);
                Files.deleteIfExists(gsm);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packets of 20 ms lost at random, {@code share} of them: each lost one either zeros (the receiver plays
     * silence) or repeats the packet before it (simple concealment).
     */
    static short[] packetLoss(short[] audio, double share, long seed) {
        Random random = new Random(seed);
        short[] received = audio.clone();
        for (int at = 160; at + 160 <= audio.length; at += 160) {
            if (random.nextDouble() < share) {
                if (random.nextBoolean()) {
                    Arrays.fill(received, at, at + 160, (short) 0);
                } else {
                    System.arraycopy(received, at - 160, received, at, 160);
                }
            }
        }
        return received;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> joined = new ArrayList<>();
        for (List<String> part : parts) {
            joined.addAll(part);
        }
        return joined;
    }

    // G.711 after the reference implementation (Sun's g711.c): sign, 3-bit segment, 4-bit mantissa.

    private static final int MU_LAW_BIAS = 0x84;
    private static final int MU_LAW_CLIP = 32635;

    private static int muLawEncode(short sample) {
        int magnitude = sample;
        int sign = magnitude < 0 ? 0x80 : 0;
        magnitude = Math.min(Math.abs(magnitude), MU_LAW_CLIP) + MU_LAW_BIAS;
        int segment = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int mantissa = (magnitude >> (segment + 3)) & 0x0f;
        return ~(sign | (segment << 4) | mantissa) & 0xff;
    }

    private static short muLawDecode(int code) {
        int bits = ~code & 0xff;
        int magnitude = ((((bits & 0x0f) << 3) + MU_LAW_BIAS) << ((bits & 0x70) >> 4)) - MU_LAW_BIAS;
        return (short) ((bits & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static int aLawEncode(short sample) {
        int magnitude = sample >> 3;
        int sign = magnitude >= 0 ? 0x80 : 0;
        magnitude = magnitude >= 0 ? magnitude : -magnitude - 1;
        int segment = 0;
        while (segment < 8 && magnitude > (0x20 << segment) - 1) {
            segment++;
        }
        int code = segment >= 8 ? 0x7f
                : (segment << 4) | ((segment < 2 ? magnitude >> 1 : magnitude >> segment) & 0x0f);
        return (code | sign) ^ 0x55;
    }

    private static short aLawDecode(int code) {
        int bits = code ^ 0x55;
        int magnitude = (bits & 0x0f) << 4;
        int segment = (bits & 0x70) >> 4;
        magnitude = switch (segment) {
            case 0 -> magnitude + 8;
            case 1 -> magnitude + 0x108;
            default -> (magnitude + 0x108) << (segment - 1);
        };
        return (short) ((bits & 0x80) != 0 ? magnitude : -magnitude);
    }
}
