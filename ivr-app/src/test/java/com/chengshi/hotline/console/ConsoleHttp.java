package com.chengshi.hotline.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One browser session of the console over real HTTP: its cookies, its CSRF token, its login. */
public final class ConsoleHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What a browser accepts for a page it navigates to: an error comes back as a page, not as JSON. */
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String base;

    public ConsoleHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A form as a browser posts it; {@code form} is already URL-encoded. */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A file as a browser uploads it, in the form's field {@code field}, with the page's CSRF token. */
    public HttpResponse<String> upload(String path, String field, String fileName, byte[] content, String csrf)
            throws IOException, InterruptedException {
        String boundary = "----hotline" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + URLDecoder.decode(csrf, StandardCharsets.UTF_8) + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", PAGE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of {@code page}'s first form, URL-encoded. */
    public String csrf(String page) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }

    public void logIn(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> loggedIn = post("/login", "username=" + name + "&password=" + password + "&_csrf="
                + csrf("/login"));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }
}
