package com.chengshi.hotline.agi;

import com.chengshi.hotline.AllowedHosts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The FastAGI server ({@code hotline.agi.*}). It listens on loopback by default and takes calls only from the
 * Asterisk hosts listed in {@code allowedHosts}.
 *
 * @param bindAddress         where the FastAGI server listens
 * @param port                its TCP port, as the dialplan's HOTLINE_AGI_NODES names it
 * @param allowedHosts        the Asterisk hosts calls are taken from; anyone else is refused at once
 * @param script              the AGI script name the dialplan asks for ({@code agi://host:port/hotline})
 * @param callbackScript      the AGI script name of a call back the callback dialer placed (§15,
 *                            dialplan/extensions_callback.conf)
 * @param defaultSeat         the seat when the dialplan names none ({@code ?seat=N})
 * @param capacity            calls served at once; a call beyond it hears that all lines are busy
 * @param busyLines           calls beyond {@code capacity} that can hear at once that all lines are busy; a
 *                            connection beyond both is closed at once, and the dialplan's fallback keeps the caller
 * @param maxPendingPerHost   connections from one host that may be waiting to send their AGI environment; when one
 *                            more arrives, the one that has waited longest with nothing unread is closed (Asterisk
 *                            sends it as it connects); as many as AudioSocket's max-pending, for the same reason
 * @param environmentTimeout  how long a new connection may take to send its AGI environment
 * @param replyTimeout        the longest Asterisk may take to answer one command (a long queue wait included)
 * @param shutdownGrace       how long a shutdown lets calls in progress finish
 */
@ConfigurationProperties("hotline.agi")
public record AgiProperties(
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("4573") int port,
        @DefaultValue({"127.0.0.1", "::1"}) List<String> allowedHosts,
        @DefaultValue("1000") int capacity,
        @DefaultValue("100") int busyLines,
        @DefaultValue("128") int maxPendingPerHost,
        @DefaultValue("hotline") String script,
        @DefaultValue("hotline-callback") String callbackScript,
        @DefaultValue("1") int defaultSeat,
        @DefaultValue("5s") Duration environmentTimeout,
        @DefaultValue("1h") Duration replyTimeout,
        @DefaultValue("30s") Duration shutdownGrace) {

    public AgiProperties {
        if (capacity < 1) {
            throw new IllegalArgumentException("hotline.agi.capacity must be at least 1, not " + capacity);
        }
        if (busyLines < 0) {
            throw new IllegalArgumentException("hotline.agi.busy-lines must be 0 or more, not " + busyLines);
        }
        if (maxPendingPerHost < 1) {
            throw new IllegalArgumentException(
                    "hotline.agi.max-pending-per-host must be at least 1, not " + maxPendingPerHost);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("hotline.agi.port must be a TCP port, not " + port);
        }
    }

    List<InetAddress> allowedAddresses() {
        return AllowedHosts.resolve(allowedHosts, "hotline.agi.allowed-hosts");
    }
}
