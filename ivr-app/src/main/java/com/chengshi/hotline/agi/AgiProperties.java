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
 * @param capacity            calls served at once; a call beyond it hears that all lines are busy
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
        @DefaultValue("hotline") String script,
        @DefaultValue("1") int defaultSeat,
        @DefaultValue("zh-CN") String defaultLanguage,
        @DefaultValue("en-US") String fallbackLanguage,
        @DefaultValue("5s") Duration environmentTimeout,
        @DefaultValue("1h") Duration replyTimeout,
        @DefaultValue("30s") Duration shutdownGrace) {

    public AgiProperties {
        if (capacity < 1) {
            throw new IllegalArgumentException("hotline.agi.capacity must be at least 1, not " + capacity);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("hotline.agi.port must be a TCP port, not " + port);
        }
    }

    List<InetAddress> allowedAddresses() {
        return AllowedHosts.resolve(allowedHosts, "hotline.agi.allowed-hosts");
    }
}
