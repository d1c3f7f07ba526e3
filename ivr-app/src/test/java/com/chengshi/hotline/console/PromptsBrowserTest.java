package com.chengshi.hotline.console;

import com.chengshi.hotline.prompts.TestPrompts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prompts page in a real browser, as an admin works it: play a prompt, edit a text, and have a forbidden phrase
 * refused with the reason beside the prompt.
 */
// The context closes before its temporary dirs are deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromptsBrowserTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path promptsDir;
    static Path catalogue;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        catalogue = TestPrompts.copyOfProjectCatalogue(promptsDir);
        // Not TestHotline's English alone: the page and its screenshots show every prompt in both languages.
        registry.add("hotline.data-dir", dataDir::toString);
        registry.add("hotline.prompts.catalogue", catalogue::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;
    @Autowired
    JdbcClient db;

    Browser browser;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Browser.open("http://127.0.0.1:" + port);
        users.put("wang", ConsoleUsers.Role.ADMIN, "admin-pass-1");
    }

    @AfterEach
    void closeBrowser() throws IOException {
        browser.close();
    }

    private void save(String row, String text) {
        WebElement area = browser.find("#" + row + " textarea");
        area.clear();
        area.sendKeys(text);
        browser.clickThrough("#" + row + " button.save");
    }

    @Test
    void anAdminPlaysAPromptEditsATextAndIsToldWhyAForbiddenPhraseIsRefused() throws IOException {
        browser.logIn("wang", "admin-pass-1");
        // Its audio is made in the background after the start: the page offers it once it is there.
        browser.waitUntil(d -> {
            browser.get("/prompts");
            return !d.findElements(By.id("audio-goodbye-en-US")).isEmpty();
        });
        Object served = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('audio-goodbye-en-US').src)
                    .then(r => done(r.status + ' ' + r.headers.get('Content-Type')));""");
        assertThat(served).isEqualTo("200 audio/wav");
        browser.driver.executeScript("document.getElementById('audio-goodbye-en-US').load()");
        Object seconds = browser.waitUntil(d -> browser.driver.executeScript("""
                const a = document.getElementById('audio-goodbye-en-US');
                return a.readyState >= 1 && a.duration > 0 ? a.duration : null;"""));
        assertThat(((Number) seconds).doubleValue()).as("seconds of goodbye").isBetween(1.0, 10.0);
        assertThat(browser.text("#goodbye-en-US")).contains("synthetic voice");

        String before = Files.readString(catalogue);
        save("anything-else-en-US", "Is there anything else we can do for you today?");
        assertThat(browser.text(".message")).startsWith("anything-else [en-US] saved");
        assertThat(browser.find("#anything-else-en-US textarea").getDomProperty("value"))
                .isEqualTo("Is there anything else we can do for you today?");
        assertThat(Files.readString(catalogue)).isNotEqualTo(before)
                .contains("    en-US: \"Is there anything else we can do for you today?\"");
        assertThat(browser.text("#audit")).contains("wang", "anything-else [en-US]", "TEXT");
        browser.driver.executeScript("window.scrollTo(0, 0)");
        browser.screenshot("prompts");

        String edited = Files.readString(catalogue);
        save("sorry-en-US", "Sorry, but we did not catch that.");
        assertThat(browser.text("#sorry-en-US .refused")).isEqualTo(
                "Refused: sorry [en-US]: forbidden phrase \"but\" (客户服务禁语, phone-service standard)");
        assertThat(browser.find("#sorry-en-US textarea").getDomProperty("value"))
                .isEqualTo("Sorry, but we did not catch that.");
        assertThat(Files.readString(catalogue)).isEqualTo(edited);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.find("#sorry-en-US"));
        browser.screenshot("prompt-refused");
        assertThat(db.sql("select count(*) from prompt_edit").query(Integer.class).single()).isEqualTo(1);
    }
}
