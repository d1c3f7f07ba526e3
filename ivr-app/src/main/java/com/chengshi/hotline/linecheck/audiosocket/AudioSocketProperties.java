package com.chengshi.hotline.linecheck.audiosocket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The AudioSocket server ({@code hotline.audiosocket.*}) that Asterisk's {@code AudioSocket} application streams a
 * caller's audio to during a line check.
 *
 * @param bindAddress      the address the server listens on
 * @param port             the TCP port it listens on; 0 lets the system pick one
 * @param advertisedHost   the host Asterisk is told to connect to in the {@code AudioSocket} arguments
 * @param maxFrameLength   the longest frame payload accepted, in bytes; Asterisk sends 320-byte audio frames
 * @param uuidTimeout      how long a new connection may take to name its session
 * @param idleTimeout      how long a session may stay quiet before we end it
 * @param keepAlive        how long a session may go without a frame from Asterisk before we send it 20 ms of
 *                         silence: Asterisk ends AudioSocket after 2 s with no frame either way (a phone that sends
 *                         no audio), with an ERROR in its log, and the listen would be cut short
 * @param maxSessionLength the longest a session may stay open, whatever its listener wants
 * @param maxPending       connections that have not yet named their session; when one more arrives, the one that
 *                         has waited longest with nothing unread is closed (Asterisk names its session as it
 *                         connects). A connection that names a session a call expects no longer counts, so idle
 *                         connections cannot take the line check from live calls. Each costs a thread until it
 *                         names its session or uuid-timeout passes; the more there are, the longer a newcomer has
 *                         to speak under a flood from its own host (128: about 25 ms against 5,000 connections a
 *                         second, where 32 lost 2 of 95 line checks in the fault runner)
 * @param allowedHosts     the Asterisk servers that may connect; anyone else is refused at once
 */
@ConfigurationProperties("hotline.audiosocket")
public record AudioSocketProperties(
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("9092") int port,
        @DefaultValue("127.0.0.1") String advertisedHost,
        @DefaultValue("4096") int maxFrameLength,
        @DefaultValue("2s") Duration uuidTimeout,
        @DefaultValue("5s") Duration idleTimeout,
        @DefaultValue("1s") Duration keepAlive,
        @DefaultValue("60s") Duration maxSessionLength,
        @DefaultValue("128") int maxPending,
        @DefaultValue({"127.0.0.1", "::1"}) List<String> allowedHosts) {

    public AudioSocketProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("hotline.audiosocket.port must be a TCP port, not " + port);
        }
        if (maxFrameLength < 320 || maxFrameLength > 65535) {
            throw new IllegalArgumentException(
                    "hotline.audiosocket.max-frame-length must be 320..65535 bytes, not " + maxFrameLength);
        }
        requirePositive("uuid-timeout", uuidTimeout);
        requirePositive("idle-timeout", idleTimeout);
        requirePositive("keep-alive", keepAlive);
        requirePositive("max-session-length", maxSessionLength);
        if (maxPending < 1) {
            throw new IllegalArgumentException("hotline.audiosocket.max-pending must be at least 1, not " + maxPending);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.toMillis() < 1) {
            throw new IllegalArgumentException("hotline.audiosocket." + name + " must be at least 1 ms, not " + value);
        }
    }
}
