package com.chengshi.hotline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The hosts a server takes connections from (the Asterisk servers), resolved once at start. */
public final class AllowedHosts {

    private AllowedHosts() {
    }

    /** A host that does not resolve stops the app with the setting to fix. */
    public static List<InetAddress> resolve(List<String> hosts, String setting) {
        return hosts.stream().map(host -> {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(setting + ": unknown host " + host, e);
            }
        }).toList();
    }
}
