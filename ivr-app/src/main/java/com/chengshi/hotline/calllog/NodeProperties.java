package com.chengshi.hotline.calllog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * This node among the nodes that share one call log ({@code hotline.node-id} and its heartbeat). Each call's row says
 * which node served it; a node's start closes only its own calls that a crash left open.
 *
 * @param nodeId         this node's name in the call log, unique among the nodes sharing it; the host name when unset
 * @param nodeHeartbeat  how often the node tells the call log it is alive, and looks for nodes that are not
 * @param nodeDeadAfter  a node silent this long is taken for dead: one other node closes its open calls as
 *                       INTERRUPTED; at least three heartbeats
 */
@ConfigurationProperties("hotline")
public record NodeProperties(
        String nodeId,
        @DefaultValue("10s") Duration nodeHeartbeat,
        @DefaultValue("2m") Duration nodeDeadAfter) {

    /** hotline_node.node_id and hotline_call.node_id are this wide. */
    static final int MOST_CHARACTERS = 64;

    public NodeProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = hostName();
        }
        if (nodeId.length() > MOST_CHARACTERS) {
            throw new IllegalArgumentException("hotline.node-id must be at most " + MOST_CHARACTERS
                    + " characters, not " + nodeId.length());
        }
        if (nodeHeartbeat.isNegative() || nodeHeartbeat.isZero()) {
            throw new IllegalArgumentException("hotline.node-heartbeat must be positive, not " + nodeHeartbeat);
        }
        if (nodeDeadAfter.compareTo(nodeHeartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("hotline.node-dead-after (" + nodeDeadAfter
                    + ") must be at least three heartbeats (hotline.node-heartbeat " + nodeHeartbeat + ")");
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > MOST_CHARACTERS ? name.substring(0, MOST_CHARACTERS) : name;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("The host has no name to take as hotline.node-id: set hotline.node-id", e);
        }
    }
}
