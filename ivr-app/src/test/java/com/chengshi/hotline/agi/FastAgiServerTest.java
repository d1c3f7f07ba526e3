package com.chengshi.hotline.agi;

import com.chengshi.hotline.LogLines;
import com.chengshi.hotline.flow.LineCheck;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import static com.chengshi.hotline.agi.FakeAsterisk.DEAD_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FastAGI server against a fake Asterisk that replays what a real Asterisk 22 sends (see
 * ../shared/asterisk-captures): each test reads as the transcript of one call.
 */
class FastAgiServerTest {

    private static final LineCheck HEARS_CLEAR_SPEECH = (call, window) ->
            new LineReport(Verdict.CLEAR, -24.0, -68.0, 44.0, 900, 1400, null);
    private static final LineCheck HEARS_NOTHING = (call, window) -> LineReport.nothingHeard(window.toMillis());

    private HotlineAgiFixture hotline;

    @AfterEach
    void stop() {
        if (hotline != null) {
            hotline.close();
        }
    }

    @Test
    void clearCallerIsServedSaysGoodbyeAndHangsUpFirst() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?lang=en-US&seat=7", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/greeting-seat7\" \"\"", "200 result=0 endpos=44140")
                    .expect("STREAM FILE \"/sounds/en-US/menu\" \"0123456789*#\"", "200 result=49 endpos=33280")
                    .expect("STREAM FILE \"/sounds/en-US/info-opening-hours\" \"\"", "200 result=0 endpos=11234")
                    .expect("STREAM FILE \"/sounds/en-US/anything-else\" \"0123456789*#\"", "200 result=0 endpos=9600")
                    .expect("WAIT FOR DIGIT 4000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/survey\" \"0123456789*#\"", "200 result=49 endpos=20000")
                    .expect("STREAM FILE \"/sounds/en-US/goodbye\" \"\"", "200 result=0 endpos=25600")
                    // capture 11a: the caller hangs up during the final wait
                    .expect("WAIT FOR DIGIT 10000", "200 result=-1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"COMPLETED\"", "200 result=1")
                    .expectClosed();
        }
        Map<String, Object> call = hotline.onlyCall();
        assertThat(call).containsEntry("OUTCOME", "COMPLETED").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("SEAT", 7).containsEntry("LANGUAGE", "en-US").containsEntry("CALLER_NUMBER", "sipp")
                .containsEntry("UNIQUE_ID", "1763900000.46").containsEntry("CHANNEL", "PJSIP/caller-0000002e")
                .containsEntry("DIALLED_NUMBER", "101").containsEntry("VERDICT", "CLEAR")
                .containsEntry("SATISFACTION", "SATISFIED").containsEntry("ENDED_IN_STEP", "waiting-for-caller-to-hang-up");
        assertThat(call.get("ANSWERED_AT")).isNotNull();
        assertThat(call.get("ENDED_AT")).isNotNull();
        List<String> prompts = hotline.db.sql("select prompt from call_event where prompt is not null order by id")
                .query(String.class).list();
        assertThat(prompts).containsExactly("greeting", "menu", "info-opening-hours", "anything-else", "survey",
                "goodbye");
    }

    /** The clear call of the first test, one command and Asterisk's reply at a time, and the step each is in. */
    private static final String[][] CLEAR_CALL = {
            {"ANSWER", "200 result=0", "greeting"},
            {"STREAM FILE \"/sounds/en-US/greeting-seat7\" \"\"", "200 result=0 endpos=44140", "greeting"},
            {"STREAM FILE \"/sounds/en-US/menu\" \"0123456789*#\"", "200 result=49 endpos=33280", "menu"},
            {"STREAM FILE \"/sounds/en-US/info-opening-hours\" \"\"", "200 result=0 endpos=11234", "information"},
            {"STREAM FILE \"/sounds/en-US/anything-else\" \"0123456789*#\"", "200 result=0 endpos=9600",
                    "anything-else"},
            {"WAIT FOR DIGIT 4000", "200 result=0", "anything-else"},
            {"STREAM FILE \"/sounds/en-US/survey\" \"0123456789*#\"", "200 result=0 endpos=20000", "survey"},
            {"WAIT FOR DIGIT 5000", "200 result=0", "survey"},
            {"STREAM FILE \"/sounds/en-US/goodbye\" \"\"", "200 result=0 endpos=25600", "goodbye"},
    };

    @ParameterizedTest(name = "caller hangs up during command {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void callerWhoHangsUpAtAnyStepLeavesACompleteRecordOfWhereAndNoCommandAfter(int hangsUpAt) throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?lang=en-US&seat=7", "sipp");
            for (int i = 0; i < hangsUpAt; i++) {
                asterisk.expect(CLEAR_CALL[i][0], CLEAR_CALL[i][1]);
            }
            // captures 07 and 11a: -1 at once, then the unsolicited HANGUP line; ANSWER on a dead channel gets 511
            String hangUp = hangsUpAt == 0 ? DEAD_CHANNEL : "200 result=-1 endpos=1200";
            asterisk.expect(CLEAR_CALL[hangsUpAt][0], "HANGUP", hangUp)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        Map<String, Object> call = hotline.onlyCall();
        assertThat(call).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", CLEAR_CALL[hangsUpAt][2]);
        assertThat(call.get("ENDED_AT")).isNotNull();
        assertThat(hotline.db.sql("select count(*) from call_event where detail like 'ended CALLER_HUNG_UP%'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void callerWhoNeverHangsUpIsHungUpOnAfterTheGrace() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.flow.hangup-grace", "3s");
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "1001")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", "200 result=0 endpos=44140")
                    .expect("STREAM FILE \"/sounds/zh-CN/menu\" \"0123456789*#\"", "200 result=49 endpos=33280")
                    .expect("STREAM FILE \"/sounds/zh-CN/info-opening-hours\" \"\"", "200 result=0 endpos=11234")
                    .expect("STREAM FILE \"/sounds/zh-CN/anything-else\" \"0123456789*#\"", "200 result=0 endpos=9600")
                    .expect("WAIT FOR DIGIT 4000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/survey\" \"0123456789*#\"", "200 result=0 endpos=20000")
                    .expect("WAIT FOR DIGIT 5000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/goodbye\" \"\"", "200 result=0 endpos=25600");
            // capture 11b: the wait runs out; our HANGUP gets 200 result=1 and then the unsolicited HANGUP line
            asterisk.expect("WAIT FOR DIGIT 3000", "200 result=0")
                    .expect("HANGUP", "200 result=1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"COMPLETED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "COMPLETED").containsEntry("HUNG_UP_BY", "HOTLINE");
    }

    @Test
    void callerWhoHangsUpDuringTheGreetingEndsTheCallWithNoMoreCommands() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?seat=3", "sipp")
                    .expect("ANSWER", "200 result=0")
                    // capture 07: STREAM FILE returns -1 at once, then the unsolicited HANGUP
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat3\" \"\"", "200 result=-1 endpos=40160", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", "greeting");
    }

    @Test
    void aPromptAsteriskCannotPlayIsOurErrorNotTheCallersHangUp() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?seat=3", "sipp")
                    .expect("ANSWER", "200 result=0")
                    // capture 14: a file Asterisk cannot open (mode 000 for its user, missing, 44.1 kHz) gives -1 at once
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat3\" \"\"", "200 result=-1 endpos=0")
                    .expect("CHANNEL STATUS", "200 result=6")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("HUNG_UP_BY", null)
                .containsEntry("ENDED_IN_STEP", "greeting");
        assertThat(hotline.db.sql("select detail from call_event where detail like 'error:%'").query(String.class)
                .single()).contains("Asterisk could not play", "/sounds/zh-CN/greeting-seat3", "not readable by the user");
    }

    @Test
    void callerWhoHangsUpBeforeAPromptsFirstSampleHasHungUp() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?seat=3", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat3\" \"\"", "200 result=-1 endpos=0", "HANGUP")
                    // capture 07: on a dead channel CHANNEL STATUS gets 511
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER");
    }

    @Test
    void aCallerWhoLetsTheirNumberStandIsCalledBackOnItAndHearsTheGoodbye() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            pressesTwoAndLeavesAMessage(asterisk, "13800138000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-number-is\" \"\"", "200 result=0 endpos=16000")
                    .expect("STREAM FILE \"/sounds/en-US/said/number-13800138000\" \"\"",
                            "200 result=0 endpos=30000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-confirm-number\" \"0123456789*#\"",
                            "200 result=0 endpos=20000")
                    .expect("WAIT FOR DIGIT 5000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/menu-no-input\" \"\"", "200 result=0 endpos=24000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-confirm-number\" \"0123456789*#\"",
                            "200 result=0 endpos=20000")
                    .expect("WAIT FOR DIGIT 5000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/callback-noted\" \"\"", "200 result=0 endpos=40000")
                    .expect("STREAM FILE \"/sounds/en-US/anything-else\" \"0123456789*#\"", "200 result=0 endpos=9600")
                    .expect("WAIT FOR DIGIT 4000", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/survey\" \"0123456789*#\"", "200 result=0 endpos=20000")
                    // capture 04: a key in WAIT FOR DIGIT is its ASCII code, '3' = 51
                    .expect("WAIT FOR DIGIT 5000", "200 result=51")
                    .expect("STREAM FILE \"/sounds/en-US/goodbye\" \"\"", "200 result=0 endpos=25600")
                    .expect("WAIT FOR DIGIT 10000", "200 result=-1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLBACK_REQUESTED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLBACK_REQUESTED").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("SATISFACTION", "DISSATISFIED");
        assertThat(hotline.db.sql("select callback_number from callback_request").query(String.class).single())
                .isEqualTo("13800138000");
    }

    @Test
    void aCallerWithoutACallerIdKeysInTheNumberToCallBack() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            pressesTwoAndLeavesAMessage(asterisk, "anonymous")
                    // capture 03: GET DATA with no key is "200 result= (timeout)", which is no key, not a hang-up
                    .expect("GET DATA \"/sounds/en-US/callback-enter-number\" 5000 20", "200 result= (timeout)")
                    .expect("GET DATA \"/sounds/en-US/callback-enter-number\" 5000 20", "200 result=13800138000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-noted\" \"\"", "200 result=0 endpos=40000")
                    .expect("STREAM FILE \"/sounds/en-US/anything-else\" \"0123456789*#\"", "200 result=-1 endpos=0",
                            "HANGUP")
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLBACK_REQUESTED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.db.sql("select callback_number from callback_request").query(String.class).single())
                .isEqualTo("13800138000");
    }

    /** A caller who presses 2 for a callback and leaves their name and question. */
    private static FakeAsterisk pressesTwoAndLeavesAMessage(FakeAsterisk asterisk, String callerId) throws IOException {
        asterisk.callsScript("hotline?lang=en-US&seat=7", callerId)
                .expect("ANSWER", "200 result=0")
                .expect("STREAM FILE \"/sounds/en-US/greeting-seat7\" \"\"", "200 result=0 endpos=44140")
                .expect("STREAM FILE \"/sounds/en-US/menu\" \"0123456789*#\"", "200 result=50 endpos=33280")
                .expect("STREAM FILE \"/sounds/en-US/callback-leave-name-and-question\" \"\"",
                        "200 result=0 endpos=40000")
                .expect("STREAM FILE \"/sounds/tones/beep\" \"\"", "200 result=0 endpos=2400");
        assertThat(asterisk.expectMatching("RECORD FILE .*")).as("no beep of Asterisk's").endsWith(" 0 s=5");
        asterisk.send("200 result=35 (dtmf) endpos=24000");
        return asterisk;
    }

    @Test
    void aLongRefusalIsCutSoThatTheCallsRowKeepsItsError() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", "599 \u0007" + "x".repeat(4000))
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.db.sql("select detail from call_event where detail like 'error:%'").query(String.class)
                .single()).startsWith("error: Asterisk refused 'ANSWER': 599 xxx").endsWith("x...");
    }

    @ParameterizedTest(name = "reply {0}")
    @ValueSource(strings = {"200 result=abc", "200 result=", "200 result=12345678901234567890", "200 result=\u00001"})
    void aReplyThatCannotBeReadIsAProtocolErrorNeverAHangUp(String garbled) throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?seat=3", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat3\" \"\"", garbled)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("HUNG_UP_BY", null);
    }

    @Test
    void anE164CallerIsReadBackAndCalledBackOnTheirNumber() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            pressesTwoAndLeavesAMessage(asterisk, "+8613800138000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-number-is\" \"\"", "200 result=0 endpos=16000")
                    .expect("STREAM FILE \"/sounds/en-US/said/number-+8613800138000\" \"\"",
                            "200 result=0 endpos=30000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-confirm-number\" \"0123456789*#\"",
                            "200 result=49 endpos=8000")
                    .expect("STREAM FILE \"/sounds/en-US/callback-noted\" \"\"", "200 result=0 endpos=40000")
                    .expect("STREAM FILE \"/sounds/en-US/anything-else\" \"0123456789*#\"", "200 result=-1 endpos=0",
                            "HANGUP")
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLBACK_REQUESTED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.db.sql("select callback_number from callback_request").query(String.class).single())
                .isEqualTo("+8613800138000");
    }

    /** Key 0 to an agent, with the agents' queue configured: "please hold", then the queue (capture 15). */
    private static FakeAsterisk pressesZeroAndJoinsTheQueue(FakeAsterisk asterisk) throws IOException {
        return asterisk.callsScript("hotline", "1001")
                .expect("ANSWER", "200 result=0")
                .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", "200 result=0 endpos=44140")
                .expect("STREAM FILE \"/sounds/zh-CN/menu\" \"0123456789*#\"", "200 result=48 endpos=33280")
                .expect("STREAM FILE \"/sounds/zh-CN/hold-please-wait\" \"\"", "200 result=0 endpos=24000")
                .expect("SET VARIABLE \"QUEUESTATUS\" \"\"", "200 result=1");
    }

    @Test
    void anAgentWhoAnswersInTheQueueTakesTheCallAndItIsLoggedAsPutThrough() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.flow.hold.queue", "hotline-zh-CN");
        try (FakeAsterisk asterisk = hotline.call()) {
            // 15 (c): the member answers, talks and hangs up; Queue returns -1, QUEUESTATUS is not set, the channel is up.
            pressesZeroAndJoinsTheQueue(asterisk)
                    .expect("EXEC \"Queue\" \"hotline-zh-CN,,,,90\"", "200 result=-1")
                    .expect("GET VARIABLE \"QUEUESTATUS\"", "200 result=1 ()")
                    .expect("CHANNEL STATUS", "200 result=6")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"TRANSFERRED\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "TRANSFERRED").containsEntry("ENDED_IN_STEP", "hold");
    }

    @Test
    void aCallerWhoHangsUpInTheQueueIsLoggedAsHavingHungUpNotAsPutThrough() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.flow.hold.queue", "hotline-zh-CN");
        try (FakeAsterisk asterisk = hotline.call()) {
            // 15b: the caller hangs up while a member rings: -1, then HANGUP, QUEUESTATUS unset, the channel dead.
            pressesZeroAndJoinsTheQueue(asterisk)
                    .expect("EXEC \"Queue\" \"hotline-zh-CN,,,,90\"", "200 result=-1", "HANGUP")
                    .expect("GET VARIABLE \"QUEUESTATUS\"", "200 result=0")
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("ENDED_IN_STEP", "hold");
    }

    @Test
    void aQueueWithNoAgentIsSaidSorryForAndACallbackOffered() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.flow.hold.queue", "hotline-zh-CN");
        try (FakeAsterisk asterisk = hotline.call()) {
            // 15 (a): no member available, joinempty: Queue returns at once with JOINEMPTY.
            pressesZeroAndJoinsTheQueue(asterisk)
                    .expect("EXEC \"Queue\" \"hotline-zh-CN,,,,90\"", "200 result=0")
                    .expect("GET VARIABLE \"QUEUESTATUS\"", "200 result=1 (JOINEMPTY)")
                    .expect("STREAM FILE \"/sounds/zh-CN/hold-sorry-kept-waiting\" \"\"", "200 result=0 endpos=8000")
                    .expect("STREAM FILE \"/sounds/zh-CN/callback-leave-name-and-question\" \"\"",
                            "200 result=-1 endpos=0", "HANGUP")
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.db.sql("select detail from call_event where detail like 'queue%'").query(String.class)
                .single()).isEqualTo("queue hotline-zh-CN: NO_AGENTS");
    }

    @Test
    void hangupLineBetweenOurCommandAndItsReplyIsAHangupNotAnError() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", "200 result=0 endpos=44140")
                    .expect("STREAM FILE \"/sounds/zh-CN/menu\" \"0123456789*#\"", "200 result=0 endpos=33280")
                    // the caller hangs up between commands: HANGUP arrives, then 511 for the next command
                    .expect("WAIT FOR DIGIT 5000", "HANGUP", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP").containsEntry("ENDED_IN_STEP", "menu");
    }

    @Test
    void silentLineIsAskedAgainToldGoodbyeAndOnlyThenHungUpOn() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_NOTHING);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?lang=en-US", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/greeting-seat1\" \"\"", "200 result=0 endpos=44140")
                    .expect("STREAM FILE \"/sounds/en-US/silent-ask-again\" \"\"", "200 result=0 endpos=8000")
                    .expect("STREAM FILE \"/sounds/en-US/silent-ask-again\" \"\"", "200 result=0 endpos=8000")
                    .expect("STREAM FILE \"/sounds/en-US/silent-goodbye\" \"\"", "200 result=0 endpos=30000")
                    .expect("HANGUP", "200 result=1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"SILENT_LINE\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "SILENT_LINE").containsEntry("HUNG_UP_BY", "HOTLINE")
                .containsEntry("SILENT_RETRIES", 2);
    }

    @Test
    void callBeyondCapacityHearsAllLinesBusyAndIsLogged() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.capacity", "1");
        try (FakeAsterisk first = hotline.call(); FakeAsterisk second = hotline.call()) {
            first.callsScript("hotline", "1001").expect("ANSWER");
            second.callsScript("hotline", "1002")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/all-lines-busy\" \"\"", "200 result=0 endpos=40000")
                    .expect("WAIT FOR DIGIT 3000", "200 result=-1", "HANGUP")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"OVER_CAPACITY\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.db.sql("select outcome from hotline_call where caller_number = '1002'")
                .query(String.class).single()).isEqualTo("OVER_CAPACITY");
    }

    @Test
    void valuesAreQuotedAndEscapedSoTheyCannotInjectACommand() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH,
                "hotline.flow.menu.options[0]", "1:INFO:say \"hi\"\nHANGUP");
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline?lang=en-US", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/en-US/greeting-seat1\" \"\"", "200 result=0 endpos=44140")
                    .expect("STREAM FILE \"/sounds/en-US/menu\" \"0123456789*#\"", "200 result=49 endpos=33280")
                    .expect("STREAM FILE \"/sounds/en-US/say \\\"hi\\\"HANGUP\" \"\"", "HANGUP", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
        }
    }

    @Test
    void unknownScriptIsHandedBackToTheDialplanAndLogged() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("voicemail", "sipp")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR");
    }

    @Test
    void commandAsteriskRefusesEndsTheCallAsAnAppErrorHandedBackToTheDialplan() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (LogLines log = LogLines.capture(); FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", "510 Invalid or unknown command")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
            assertThat(log.warnings()).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).endsWith("Asterisk refused 'ANSWER': 510 Invalid or unknown command");
                assertThat(line.getThrowableProxy()).isNull();
            });
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("ENDED_IN_STEP", "greeting");
    }

    /** Capture 12: Asterisk's answer to a command with the wrong arguments, its usage text between two 520 lines. */
    private static final String[] USAGE_REPLY = {
            "520-Invalid command syntax.  Proper usage follows:",
            "Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit.",
            "520 End of proper usage."};

    @Test
    void asterisksUsageReplyIsOneWarningNamingTheCommandAndTheCallIsHandedBack() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (LogLines log = LogLines.capture(); FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", USAGE_REPLY)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
            assertThat(log.warnings()).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"",
                        "520-Invalid command syntax", "handed back to the dialplan");
                assertThat(line.getThrowableProxy()).isNull();
            });
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("HUNG_UP_BY", null);
    }

    @Test
    void aUsageReplyThatNeverEndsIsCutOffAtItsLimitAsAProtocolError() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        String[] endless = new String[AgiSocket.MAX_MESSAGE_LINES + 50];
        Arrays.fill(endless, "Returns <literal>0</literal> if playback completes without a digit being pressed.");
        endless[0] = "520-Invalid command syntax.  Proper usage follows:";
        try (LogLines log = LogLines.capture(); FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", endless)
                    // the rest of the endless reply is read as the reply to this, and the server closes: a reply of
                    // ours could meet a closed socket, so none is sent
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"")
                    .expectClosed();
            assertThat(log.warningMessages()).singleElement().asString()
                    .contains("Asterisk's reply to 'ANSWER' has more than " + AgiSocket.MAX_MESSAGE_LINES + " lines");
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR");
    }

    @Test
    void aReplyLineOverTheLimitIsAProtocolErrorNamingItNotAHangUp() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (LogLines log = LogLines.capture(); FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER", "200 result=0 " + "x".repeat(AgiSocket.MAX_LINE))
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                    .expectClosed();
            assertThat(log.warningMessages()).singleElement().asString()
                    .contains("Asterisk's reply to 'ANSWER' has a line over " + AgiSocket.MAX_LINE + " bytes");
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "APP_ERROR").containsEntry("HUNG_UP_BY", null);
    }

    @Test
    void aReplyThatNeverComesEndsTheCallAtTheReplyTimeout() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.reply-timeout", "300ms");
        try (LogLines log = LogLines.capture(); FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp")
                    .expect("ANSWER")
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"INTERRUPTED\"")
                    .expectClosed();
            assertThat(log.warningMessages()).singleElement().asString()
                    .contains("lost its connection to Asterisk", "nothing from Asterisk within 300 ms");
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "INTERRUPTED");
    }

    @Test
    void anEnvironmentThatNeverEndsIsClosedAtItsLimitWithOneLine() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        String[] endless = new String[AgiSocket.MAX_MESSAGE_LINES + 50];
        Arrays.fill(endless, "agi_x: y");
        try (LogLines log = LogLines.capture(); FakeAsterisk stranger = hotline.call()) {
            stranger.send(endless).expectClosed();
            assertThat(log.warningMessages()).singleElement().asString().contains(
                    "Refused a connection to FastAGI", "an AGI environment with more than " + AgiSocket.MAX_MESSAGE_LINES);
        }
        assertThat(hotline.db.sql("select count(*) from hotline_call").query(Integer.class).single()).isZero();
    }

    @Test
    void anEnvironmentLineOverTheLimitIsRefusedNamingIt() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (LogLines log = LogLines.capture(); FakeAsterisk stranger = hotline.call()) {
            stranger.send("agi_network: yes", "agi_callerid: " + "9".repeat(AgiSocket.MAX_LINE)).expectClosed();
            assertThat(log.warningMessages()).singleElement().asString()
                    .contains("an AGI environment with a line over " + AgiSocket.MAX_LINE + " bytes");
        }
    }

    @Test
    void manyCallsFailingOnBrokenRepliesAreASummaryLineASecondAndEachKeepsItsErrorInItsRow() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        long started = System.nanoTime();
        try (LogLines log = LogLines.capture()) {
            for (int i = 0; i < 30; i++) {
                try (FakeAsterisk asterisk = hotline.call()) {
                    asterisk.callsScript("hotline", "sipp")
                            .expect("ANSWER", "510 Invalid or unknown command")
                            .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"APP_ERROR\"", "200 result=1")
                            .expectClosed();
                }
            }
            // One line a second at most, and the first at once: the test's own run time bounds the count.
            List<String> failed = log.warningMessages().stream().filter(line -> line.contains("failed")).toList();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(failed).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds + 1);
        }
        assertThat(hotline.db.sql("select count(*) from call_event where detail like 'error: Asterisk refused%'")
                .query(Integer.class).single()).isEqualTo(30);
    }

    @Test
    void connectionThatNeverSendsAnEnvironmentIsDropped() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.environment-timeout", "300ms");
        try (FakeAsterisk idle = hotline.call()) {
            idle.send("agi_network: yes");
            idle.expectClosed();
        }
        assertThat(hotline.db.sql("select count(*) from hotline_call").query(Integer.class).single()).isZero();
    }

    @Test
    void garbageInsteadOfAnEnvironmentIsRefused() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH);
        try (FakeAsterisk stranger = hotline.call()) {
            stranger.send("GET / HTTP/1.1", "Host: localhost", "");
            stranger.expectClosed();
        }
        assertThat(hotline.db.sql("select count(*) from hotline_call").query(Integer.class).single()).isZero();
    }

    @Test
    void idleConnectionsOverAHostsPendingLimitGiveWayToACallTheLongestWaitingFirst() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.max-pending-per-host", "2");
        try (LogLines log = LogLines.capture(); FakeAsterisk idle = hotline.call(); FakeAsterisk alsoIdle = hotline.call();
             FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp").expect("ANSWER");
            idle.expectClosed();
            asterisk.send("200 result=0")
                    .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", "200 result=-1 endpos=0", "HANGUP")
                    .expect("CHANNEL STATUS", DEAD_CHANNEL)
                    .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                    .expectClosed();
            // The connection that gave way counts its refusal on its own thread, once its socket is closed.
            await().untilAsserted(() -> assertThat(log.warningMessages()).singleElement().asString()
                    .contains("Refused a connection to FastAGI", "over hotline.agi.max-pending-per-host"));
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP");
    }

    @Test
    void aConnectionBeyondCapacityAndBusyLinesIsClosedAtOnceForTheDialplanToKeepTheCaller() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.capacity", "1", "hotline.agi.busy-lines", "1");
        try (LogLines log = LogLines.capture(); FakeAsterisk served = hotline.call(); FakeAsterisk busy = hotline.call()) {
            served.callsScript("hotline", "1001").expect("ANSWER");
            busy.callsScript("hotline", "1002").expect("ANSWER");
            try (FakeAsterisk beyond = hotline.call()) {
                beyond.expectClosed();
            }
            assertThat(log.warningMessages()).filteredOn(line -> line.startsWith("Refused")).singleElement()
                    .asString().contains("all 2 lines taken (hotline.agi.capacity + busy-lines)");
        }
    }

    @Test
    void aFloodOfConnectionsThatNeverBecomeCallsIsASummaryLineASecondAndCallsAreStillServed() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.max-pending-per-host", "5");
        long started = System.nanoTime();
        try (LogLines log = LogLines.capture()) {
            List<FakeAsterisk> idle = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                FakeAsterisk connection = hotline.call();
                if (i % 2 == 0) {
                    connection.close();
                } else {
                    idle.add(connection);
                }
            }
            try (FakeAsterisk asterisk = hotline.call()) {
                asterisk.callsScript("hotline", "sipp")
                        .expect("ANSWER", "200 result=0")
                        .expect("STREAM FILE \"/sounds/zh-CN/greeting-seat1\" \"\"", "200 result=-1 endpos=0", "HANGUP")
                        .expect("CHANNEL STATUS", DEAD_CHANNEL)
                        .expect("SET VARIABLE \"HOTLINE_OUTCOME\" \"CALLER_HUNG_UP\"", "200 result=1")
                        .expectClosed();
            }
            // One line a second at most, and the first at once: the test's own run time bounds the count.
            List<String> refused = log.warningMessages().stream().filter(line -> line.startsWith("Refused")).toList();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(refused).isNotEmpty().hasSizeLessThanOrEqualTo((int) seconds + 1);
            for (FakeAsterisk connection : idle) {
                connection.close();
            }
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "CALLER_HUNG_UP");
    }

    @Test
    void connectionFromAHostThatIsNotAllowedIsClosedAtOnce() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.allowed-hosts", "192.0.2.10");
        try (FakeAsterisk stranger = hotline.call()) {
            stranger.expectClosed();
        }
    }

    @Test
    void shutdownCutsOffCallsStillRunningAfterTheGraceAndLogsThemInterrupted() throws IOException {
        hotline = HotlineAgiFixture.start(HEARS_CLEAR_SPEECH, "hotline.agi.shutdown-grace", "200ms");
        try (FakeAsterisk asterisk = hotline.call()) {
            asterisk.callsScript("hotline", "sipp").expect("ANSWER");
            hotline.server.stop();
        }
        assertThat(hotline.onlyCall()).containsEntry("OUTCOME", "INTERRUPTED").containsEntry("ENDED_IN_STEP", "greeting");
    }
}
