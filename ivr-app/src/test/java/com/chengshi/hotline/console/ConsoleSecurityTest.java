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

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's doors over real HTTP: a login for every page, CSRF on every form, each role kept to its pages, no
 * default user, health open to monitoring and the rest of actuator closed.
 */
// The context closes before its temporary data dir is deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleSecurityTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

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

    HttpClient http;

    @BeforeEach
    void freshSession() {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(String page) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    private void logIn(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> loggedIn = post("/login", "username=" + name + "&password=" + password + "&_csrf="
                + csrf("/login"));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    @Test
    void everyPageAsksForALoginFirst() throws Exception {
        for (String page : new String[] {"/", "/today", "/calls", "/calls/1", "/calls.csv", "/callbacks",
                "/figures", "/api/figures", "/prompts", "/dialplan"}) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void thereIsNoDefaultUser() throws Exception {
        for (String name : new String[] {"admin", "user"}) {
            HttpResponse<String> refused = post("/login", "username=" + name + "&password=admin&_csrf="
                    + csrf("/login"));
            assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        assertThat(post("/login", "username=chen&password=supervisor-pass").statusCode()).isEqualTo(403);
        logIn("chen", "supervisor-pass");
        assertThat(post("/callbacks/1", "status=DONE").statusCode()).isEqualTo(403);
    }

    @Test
    void eachRoleOpensItsOwnPages() throws Exception {
        users.put("lin", ConsoleUsers.Role.AGENT, "agent-pass-1");
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        logIn("lin", "agent-pass-1");
        assertThat(get("/callbacks").statusCode()).isEqualTo(200);
        assertThat(get("/figures").statusCode()).isEqualTo(403);
        assertThat(get("/api/figures").statusCode()).isEqualTo(403);
        assertThat(get("/calls").statusCode()).isEqualTo(403);

        freshSession();
        logIn("chen", "supervisor-pass");
        assertThat(get("/figures").statusCode()).isEqualTo(200);
        assertThat(get("/api/figures").body()).contains("\"definitions\"");
        assertThat(get("/calls.csv").body()).startsWith(
                "id,connected_at,answered_at,ended_at,caller_number,channel,seat,language,outcome");
        assertThat(get("/prompts").statusCode()).isEqualTo(403);
    }

    @Test
    void healthIsOpenToMonitoringAndTheRestOfActuatorIsNot() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(get("/actuator/env").statusCode()).isIn(302, 404);
        assertThat(get("/h2-console").statusCode()).isIn(302, 404);
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
