package com.chengshi.hotline.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the real Asterisk is, from environment variables. Only {@code HOTLINE_E2E_SIP} is required; the rest default
 * to the docker stack's values (docker/asterisk, dialplan/).
 */
record E2ESettings(String sipHost, int sipPort, String hotlineNumber, String user, String password, Path soundDir,
                   int agiPort, int secondAgiPort, int audioSocketPort, String asteriskUser, Path asteriskLog) {

    static final String WHAT_TO_SET = "End-to-end tests skipped: set HOTLINE_E2E_SIP=host:port of an Asterisk 22 that"
            + " loads docker/asterisk and dialplan/, and HOTLINE_E2E_SOUND_DIR=the directory it sees as"
            + " <astdatadir>/sounds/hotline (README, \"End-to-end tests\")";

    /** The settings, or null when the environment names no Asterisk. */
    static E2ESettings fromEnvironment(Map<String, String> env) {
        String sip = env.get("HOTLINE_E2E_SIP");
        String soundDir = env.get("HOTLINE_E2E_SOUND_DIR");
        if (sip == null || sip.isBlank() || soundDir == null || soundDir.isBlank()) {
            return null;
        }
        String[] hostPort = sip.strip().split(":");
        return new E2ESettings(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 5060,
                env.getOrDefault("HOTLINE_E2E_NUMBER", "100"),
                env.getOrDefault("HOTLINE_E2E_USER", "1001"),
                env.getOrDefault("HOTLINE_E2E_PASSWORD", "hotline1001"),
                Path.of(soundDir),
                Integer.parseInt(env.getOrDefault("HOTLINE_E2E_AGI_PORT", "4573")),
                Integer.parseInt(env.getOrDefault("HOTLINE_E2E_SECOND_AGI_PORT", "4574")),
                Integer.parseInt(env.getOrDefault("HOTLINE_E2E_AUDIOSOCKET_PORT", "9092")),
                env.getOrDefault("HOTLINE_E2E_ASTERISK_USER", "asterisk"),
                env.containsKey("HOTLINE_E2E_ASTERISK_LOG") ? Path.of(env.get("HOTLINE_E2E_ASTERISK_LOG")) : null);
    }

    /** How many lines of Asterisk's log contain {@code text}; 0 when HOTLINE_E2E_ASTERISK_LOG names no log. */
    long asteriskLogLines(String text) throws IOException {
        if (asteriskLog == null) {
            return 0;
        }
        try (var lines = Files.lines(asteriskLog, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }
}
