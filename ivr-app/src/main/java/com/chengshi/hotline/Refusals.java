package com.chengshi.hotline;

import org.slf4j.Logger;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connections a server closes before they become a call or a session: not from an allowed host, over a limit,
 * silent, or not speaking the protocol. A flood brings thousands a second, so they are counted by reason and told
 * in one line a second at most: the first at once, with its peer; later ones as the count of each reason since the
 * last line. Reasons are a few fixed phrases, so that the counts stay few whatever a peer sends.
 */
public final class Refusals {

    private final Logger log;
    private final String what;
    private final Throttled throttled;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** @param what whose connections, e.g. "FastAGI" */
    public Refusals(Logger log, String what) {
        this(log, what, new Throttled(log, Duration.ofSeconds(1)));
    }

    Refusals(Logger log, String what, Throttled throttled) {
        this.log = log;
        this.what = what;
        this.throttled = throttled;
    }

    /** Counts one connection from {@code peer} closed for {@code reason} (a fixed phrase, e.g. "not in ..."). */
    public synchronized void refused(SocketAddress peer, String reason) {
        counts.merge(reason, 1L, Long::sum);
        throttled.log((leftOut, sinceLastMillis) -> {
            if (leftOut == 0) {
                log.warn("Refused a connection to {} from {}: {}", what, peer, reason);
            } else {
                String byReason = counts.entrySet().stream().map(count -> count.getValue() + " " + count.getKey())
                        .collect(Collectors.joining(", "));
                log.warn("Refused {} connections to {} in the last {} ms: {} (the last from {})", leftOut + 1, what,
                        sinceLastMillis, byReason, peer);
            }
            counts.clear();
        });
    }
}
