package com.chengshi.hotline.linecheck.audiosocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as Spring runs it: bound from {@code hotline.audiosocket.*}, started and stopped with the context. */
class AudioSocketServerWiringTest {

    @Configuration
    @EnableConfigurationProperties(AudioSocketProperties.class)
    static class SettingsOnly {
    }

    @Configuration
    @Import({SettingsOnly.class, AudioSocketServer.class})
    static class Wiring {
    }

    @Test
    void defaults() {
        // Without the server: a test must not take the real port 9092.
        new ApplicationContextRunner().withUserConfiguration(SettingsOnly.class).run(started -> {
            AudioSocketProperties settings = started.getBean(AudioSocketProperties.class);
            assertEquals("127.0.0.1", settings.bindAddress());
            assertEquals(9092, settings.port());
            assertEquals("127.0.0.1", settings.advertisedHost());
            assertEquals(4096, settings.maxFrameLength());
            assertEquals(Duration.ofSeconds(2), settings.uuidTimeout());
            assertEquals(Duration.ofSeconds(5), settings.idleTimeout());
            assertEquals(Duration.ofSeconds(60), settings.maxSessionLength());
            assertEquals(128, settings.maxPending());
            assertEquals(java.util.List.of("127.0.0.1", "::1"), settings.allowedHosts());
            assertEquals(Duration.ofSeconds(1), settings.keepAlive());
        });
    }

    @Test
    void startsWithTheContextAndStopsWithIt() {
        AudioSocketServer[] server = new AudioSocketServer[1];
        new ApplicationContextRunner().withUserConfiguration(Wiring.class)
                .withPropertyValues("hotline.audiosocket.port=0", "hotline.audiosocket.advertised-host=::1")
                .run(started -> {
                    server[0] = started.getBean(AudioSocketServer.class);
                    assertTrue(server[0].isRunning());
                    assertNotEquals(0, server[0].port());
                    try (ExpectedSession session = server[0].expect(UUID.randomUUID(),
                            new RecordingListener())) {
                        assertTrue(session.applicationArguments().endsWith(",[::1]:" + server[0].port()));
                    }
                });
        assertFalse(server[0].isRunning());
    }
}
