package com.chengshi.hotline.console;

import com.chengshi.hotline.TestHotline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's doors over real HTTP: a login for every page, CSRF on every form, each role kept to its pages, no
 * default user, health open to monitoring and the rest of actuator closed.
 */
// The context closes before its temporary data dir is deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSecurityTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestHotline.settings(registry, dataDir);
    }

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;

    ConsoleHttp http;

    @BeforeEach
    void freshSession() {
        http = new ConsoleHttp(port);
    }

    @Test
    void everyPageAsksForALoginFirst() throws Exception {
        for (String page : new String[] {"/", "/today", "/calls", "/calls/1", "/calls.csv", "/callbacks",
                "/figures", "/api/figures", "/prompts", "/dialplan"}) {
            HttpResponse<String> response = http.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void thereIsNoDefaultUser() throws Exception {
        for (String name : new String[] {"admin", "user"}) {
            HttpResponse<String> refused = http.post("/login", "username=" + name + "&password=admin&_csrf="
                    + http.csrf("/login"));
            assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        assertThat(http.post("/login", "username=chen&password=supervisor-pass").statusCode()).isEqualTo(403);
        http.logIn("chen", "supervisor-pass");
        assertThat(http.post("/callbacks/1", "status=DONE").statusCode()).isEqualTo(403);
    }

    @Test
    void eachRoleOpensItsOwnPages() throws Exception {
        users.put("lin", ConsoleUsers.Role.AGENT, "agent-pass-1");
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        http.logIn("lin", "agent-pass-1");
        assertThat(http.get("/callbacks").statusCode()).isEqualTo(200);
        assertThat(http.get("/figures").statusCode()).isEqualTo(403);
        assertThat(http.get("/api/figures").statusCode()).isEqualTo(403);
        assertThat(http.get("/calls").statusCode()).isEqualTo(403);

        freshSession();
        http.logIn("chen", "supervisor-pass");
        assertThat(http.get("/figures").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/figures").body()).contains("\"definitions\"");
        assertThat(http.get("/calls.csv").body()).startsWith(
                "id,connected_at,answered_at,ended_at,caller_number,channel,seat,language,outcome");
        assertThat(http.get("/prompts").statusCode()).isEqualTo(403);
    }

    @Test
    void healthIsOpenToMonitoringAndTheRestOfActuatorIsNot() throws Exception {
        assertThat(http.get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(http.get("/actuator/env").statusCode()).isIn(302, 404);
        assertThat(http.get("/h2-console").statusCode()).isIn(302, 404);
    }

    @Test
    void passwordsAreKeptAsBCryptHashesInAFileOnlyItsOwnerReads() throws Exception {
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        Path file = dataDir.resolve("console-users");
        assertThat(Files.readString(file)).containsPattern("(?m)^chen:SUPERVISOR:\\$2a\\$10\\$").doesNotContain("supervisor-pass");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
