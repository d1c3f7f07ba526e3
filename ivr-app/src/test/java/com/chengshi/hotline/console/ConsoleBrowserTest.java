package com.chengshi.hotline.console;

import com.chengshi.hotline.figures.KnownCalls;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Verdict;
import com.chengshi.hotline.TestHotline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.nio.file.Path;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser, as its users work it: log in, see today's figures after known calls, find a call
 * and read its timeline, work a callback to done, and be kept out of pages their role does not open.
 */
// The context closes before its temporary data dir is deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestHotline.settings(registry, dataDir);
        registry.add("hotline.console.dialplan-dir", () -> Path.of("../dialplan").toAbsolutePath().toString());
    }

    static Browser browser;
    static boolean called;

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;
    @Autowired
    HotlineTime time;
    @Autowired
    JdbcClient db;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void browserAndKnownCalls() throws IOException {
        if (browser == null) {
            browser = Browser.open("http://127.0.0.1:" + port);
        }
        if (!called) {
            called = true;
            users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
            users.put("lin", ConsoleUsers.Role.AGENT, "agent-pass-1");
            users.put("wang", ConsoleUsers.Role.ADMIN, "admin-pass-1");
            String today = time.today().toString();
            try (KnownCalls calls = new KnownCalls(db, transactions)) {
                calls.call(today + "T09:10:00", "PJSIP/trunk-a-00000001", c -> c.answered().step("greeting")
                        .prompt("greeting").step("line-check").after(ofSeconds(4)).heard(Verdict.CLEAR)
                        .step("survey").prompt("survey").rated(Satisfaction.FAIR).step("goodbye").after(ofSeconds(10)).prompt("goodbye").ended(Outcome.COMPLETED,
                                HungUpBy.CALLER));
                calls.call(today + "T00:40:00", "PJSIP/trunk-b-00000002", c -> c.answered().step("line-check")
                        .after(ofSeconds(5)).heard(Verdict.SILENT).ended(Outcome.SILENT_LINE, HungUpBy.HOTLINE));
                calls.call(today + "T00:50:00", "PJSIP/trunk-b-00000003", c -> c.answered().step("line-check")
                        .after(ofSeconds(5)).heard(Verdict.CLEAR).step("hold").prompt("hold-please-wait")
                        .after(ofSeconds(45)).step("callback").prompt("callback-leave-name-and-question")
                        .callback("13800138000").ended(Outcome.CALLBACK_REQUESTED, HungUpBy.CALLER));
            }
        }
        browser.driver.manage().deleteAllCookies();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void everyPageNeedsALoginAndAWrongPasswordIsRefused() throws IOException {
        browser.get("/today");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("login");
        browser.logIn("chen", "not-the-password");
        assertThat(browser.text("#login-error")).isEqualTo("Wrong name or password.");
    }

    @Test
    @Order(2)
    void aSupervisorSeesTodaysCallsLinesAndCallbacks() throws IOException {
        browser.logIn("chen", "supervisor-pass");
        assertThat(browser.path()).isEqualTo("/today");
        assertThat(browser.text("#calls-today")).isEqualTo("3");
        assertThat(browser.text("#outcomes-today")).contains("COMPLETED 1", "SILENT_LINE 1", "CALLBACK_REQUESTED 1");
        assertThat(browser.text("#lines-today")).contains("SILENT 33.3%", "CLEAR 66.7%");
        assertThat(browser.text("#open-callbacks")).isEqualTo("1");
        browser.screenshot("today");
    }

    @Test
    @Order(3)
    void theFiguresPageDrawsItsChartsFromTheSameNumbersAsItsTables() throws IOException {
        browser.logIn("chen", "supervisor-pass");
        browser.get("/figures");
        for (String chart : new String[] {"chart-calls", "chart-shares", "chart-wait", "chart-lines"}) {
            browser.waitUntil(d -> "true".equals(d.findElement(By.id(chart)).getDomAttribute("data-drawn")));
            assertThat(browser.find("#" + chart + " svg")).as(chart).isNotNull();
        }
        assertThat(browser.text("#total-calls")).isEqualTo("3");
        assertThat(browser.text("#total-on-hold")).isEqualTo("1");
        assertThat(browser.text("#total-average-wait")).isEqualTo("45.0 s");
        assertThat(browser.text("#trunks")).contains("PJSIP/trunk-b 2 50.0%");
        assertThat(browser.text("#total-satisfaction")).isEqualTo("satisfied 0.0%, fair 100.0%, not satisfied 0.0% of 1");
        browser.screenshot("figures");

        // The JSON a wallboard reads, with the same session: the same numbers as the page.
        browser.get("/api/figures");
        JsonNode total = new ObjectMapper().readTree(browser.text("body")).path("total");
        assertThat(total.path("calls").asInt()).isEqualTo(3);
        assertThat(total.path("askedForAgent").asInt()).isEqualTo(1);
        assertThat(total.path("averageWaitSeconds").asDouble()).isEqualTo(45.0);
        assertThat(total.path("outcomes").path("SILENT_LINE").asInt()).isEqualTo(1);
        assertThat(total.path("lineShares").path("SILENT").asDouble()).isEqualTo(1 / 3.0);
        assertThat(total.path("satisfaction").path("FAIR").asDouble()).isEqualTo(1.0);
        assertThat(total.path("callbacksPromised").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aSupervisorFindsACallAndReadsItsTimeline() throws IOException {
        browser.logIn("chen", "supervisor-pass");
        browser.get("/calls");
        assertThat(browser.text("#found")).isEqualTo("3");
        new Select(browser.find("select[name=outcome]")).selectByValue("CALLBACK_REQUESTED");
        browser.clickThrough("#find");
        assertThat(browser.text("#found")).isEqualTo("1");
        browser.screenshot("calls");
        browser.clickThrough("#calls a");
        assertThat(browser.text("#outcome")).isEqualTo("CALLBACK_REQUESTED");
        assertThat(browser.text("#waited")).isEqualTo("45.0 s");
        assertThat(browser.text("#timeline")).contains("hold-please-wait", "callback-leave-name-and-question",
                "CLEAR speech -25.0");
        browser.screenshot("call");
    }

    @Test
    @Order(5)
    void anAgentWorksACallbackToDoneAndCannotOpenTheFigures() throws IOException {
        // The callback dialer has tried twice (busy): the worklist says so, and when it may try again.
        db.sql("update callback_request set attempts = 2, status = 'NO_ANSWER',"
                + " next_attempt_at = timestamp with time zone '2026-11-23 08:30:00+00'").update();
        browser.logIn("lin", "agent-pass-1");
        assertThat(browser.path()).isEqualTo("/callbacks");
        assertThat(browser.text("#worklist")).contains("13800138000", "NO_ANSWER");
        assertThat(browser.text("#worklist td.attempts")).isEqualTo("2");
        assertThat(browser.text("#worklist td.next-attempt")).isEqualTo("2026-11-23 16:30:00");
        browser.screenshot("callbacks");
        browser.clickThrough("#worklist a");
        assertThat(browser.text("#number")).isEqualTo("13800138000");
        new Select(browser.find("#new-status")).selectByValue("CALLED");
        browser.find("#note").sendKeys("rang, busy");
        browser.clickThrough("#save");
        assertThat(browser.text("#status")).isEqualTo("CALLED");
        new Select(browser.find("#new-status")).selectByValue("DONE");
        browser.find("#note").sendKeys("called back, question answered");
        browser.screenshot("callback");
        browser.clickThrough("#save");
        assertThat(browser.path()).isEqualTo("/callbacks");
        assertThat(browser.text("#all-kept")).isEqualTo("Every promise is kept.");
        assertThat(db.sql("select changed_by || ' ' || status || ' ' || note from callback_update order by id")
                .query(String.class).list()).containsExactly("lin CALLED rang, busy",
                "lin DONE called back, question answered");

        browser.get("/figures");
        assertThat(browser.driver.getPageSource()).doesNotContain("chart-calls");

        // The dialer's attempts are calls like any other: a supervisor sees them as call backs, with their request.
        long request = db.sql("select max(id) from callback_request").query(Long.class).single();
        db.sql("""
                insert into hotline_call (unique_id, channel, dialled_number, language, connected_at, ended_at,
                                          outcome, ended_in_step, direction, callback_id, attempt)
                values ('callback-1-2-x', 'PJSIP/13800138000@hotline-trunk', '13800138000', 'zh-CN',
                        current_timestamp, current_timestamp, 'BUSY', 'dialling', 'OUT', ?, 2)""")
                .param(request).update();
        browser.logIn("chen", "supervisor-pass");
        browser.get("/calls");
        assertThat(browser.text("#calls")).contains("out: callback " + request + ", attempt 2 to 13800138000",
                "BUSY");
    }

    @Test
    @Order(6)
    void anAdminSeesTheDialplansSettingsAndWhatItsCheckFinds() throws IOException {
        browser.logIn("wang", "admin-pass-1");
        browser.get("/dialplan");
        assertThat(browser.text("#settings")).contains("HOTLINE_AGI_NODES agi://127.0.0.1:4573", "HOTLINE_LANG zh-CN");
        // This hotline renders English prompts only (hotline.prompts.languages), while the dialplan sends zh-CN.
        assertThat(browser.text("#problem-count")).isEqualTo("2");
        assertThat(browser.text("#problems")).contains(
                "extensions_hotline.conf 18 HOTLINE_LANG is 'zh-CN', not one of the prompts' languages [en-US]");
        browser.screenshot("dialplan");
    }
}
