package com.chengshi.hotline.dialer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;

/**
 * The callback dialer ({@code hotline.dialer.*}, §15): it calls open callback requests back through Asterisk's Manager
 * Interface. Off by default, as it needs an AMI account (docker/asterisk/manager.conf, README "The callback dialer").
 *
 * @param enabled         whether this node calls callback requests back
 * @param ami             Asterisk's Manager Interface
 * @param dialString      the channel each number is dialled on; {@code {number}} is the number to call
 * @param context         the dialplan context an answered call enters (dialplan/extensions_callback.conf)
 * @param exten           the extension in {@code context}
 * @param callerId        the caller id the called customer sees (the hotline's number, so they know who calls)
 * @param opensAt         service hours: calls are placed from this time of day, in hotline.flow.time-zone
 * @param closesAt        ... until this time of day
 * @param days            ... on these days of the week
 * @param maxConcurrent   the most outbound calls this node has at once, ringing or answered
 * @param maxAttempts     attempts per request; after the last unanswered one it is marked GAVE_UP for the team
 * @param spacing         the least time between two attempts on one request
 * @param ringTimeout     how long a number rings before the attempt counts as not answered
 * @param pollInterval    how often the dialer looks for requests due
 * @param staleClaim      a claim older than this is taken for a node that died mid-call, and released
 * @param causeWait       how long a failed Originate waits for its channel's hangup cause (a SIP 486 comes as
 *                        reason 0, and its cause 17 may follow the OriginateResponse): then it counts as not placed
 * @param outcomeGrace    beyond the ring timeout, how long Asterisk may take to say how an Originate ended before the
 *                        attempt counts as not placed and its line and claim go back (the AMI connection broke)
 */
@ConfigurationProperties("hotline.dialer")
public record DialerProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue Ami ami,
        @DefaultValue("PJSIP/{number}@hotline-trunk") String dialString,
        @DefaultValue("hotline-callback") String context,
        @DefaultValue("s") String exten,
        @DefaultValue("\"Hotline\" <4000000000>") String callerId,
        @DefaultValue("09:00") LocalTime opensAt,
        @DefaultValue("20:00") LocalTime closesAt,
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"})
        Set<DayOfWeek> days,
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("30m") Duration spacing,
        @DefaultValue("30s") Duration ringTimeout,
        @DefaultValue("15s") Duration pollInterval,
        @DefaultValue("1h") Duration staleClaim,
        @DefaultValue("2s") Duration causeWait,
        @DefaultValue("60s") Duration outcomeGrace) {

    public DialerProperties {
        if (!dialString.contains("{number}")) {
            throw new IllegalArgumentException("hotline.dialer.dial-string must contain {number}: " + dialString);
        }
        if (maxConcurrent < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("hotline.dialer.max-concurrent and max-attempts must be at least 1");
        }
    }

    /**
     * Asterisk's Manager Interface (manager.conf).
     *
     * @param host     where Asterisk listens for AMI
     * @param port     its AMI port
     * @param username the manager.conf user the app logs in as
     * @param secret   its secret
     */
    public record Ami(@DefaultValue("127.0.0.1") String host, @DefaultValue("5038") int port,
                      @DefaultValue("hotline-dialer") String username, @DefaultValue("") String secret) {

        @Override
        public String toString() {
            return username + "@" + host + ":" + port;
        }
    }

    /** The channel {@code number} is dialled on. */
    String channelFor(String number) {
        return dialString.replace("{number}", number);
    }
}
