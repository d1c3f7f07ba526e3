package com.chengshi.hotline.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** §15: the call back the dialer places, as the customer who answers it hears it (the clock is 2026-11-23 15:00 UTC). */
class CallingBackTest {

    private final ScriptedCall customer = new ScriptedCall();
    private final MemoryJournal journal = new MemoryJournal();
    private final Map<String, String> config = new HashMap<>(Map.of("hotline.flow.time-zone", "UTC",
            "hotline.flow.hold.queue", "hotline-agents"));

    private void callBack(String requestedAt) {
        FlowProperties settings = new Binder(new MapConfigurationPropertySource(config))
                .bindOrCreate("hotline.flow", FlowProperties.class);
        new HotlineFlow(settings, customer, prompt -> false, customer).callBack(customer, journal,
                new CallDetails("callback-42-1-x", "PJSIP/hotline-trunk-1", "4000000000", "Hotline", "13800138000", 1,
                        "zh-CN", new CallDetails.CallbackAttempt(42, 1, Instant.parse(requestedAt), "node-a")));
    }

    @Test
    void theCustomerWhoHasTimeIsToldWhoCallsAndWhenTheyCalledAndIsPutThroughToAnAgent() {
        customer.pressesDuring("calling-back-convenient", '1');
        callBack("2026-11-23T09:30:00Z");
        assertThat(customer.actions).containsExactly("ANSWER", "PLAY calling-back-hello",
                "PLAY calling-back-today-morning", "PLAY calling-back-convenient", "PLAY hold-please-wait",
                "QUEUE hotline-agents 90");
        assertThat(journal.outcome).isEqualTo(Outcome.TRANSFERRED);
        assertThat(journal.steps).containsExactly("calling-back", "putting-through");
    }

    @Test
    void theCustomerWhoAsksToBeCalledLaterHearsWeWillAndHangsUpFirst() {
        customer.pressesDuring("calling-back-convenient", '2').hangsUpAt("WAIT FOR DIGIT 3000");
        callBack("2026-11-23T14:00:00Z");
        assertThat(customer.actions).containsExactly("ANSWER", "PLAY calling-back-hello",
                "PLAY calling-back-today-afternoon", "PLAY calling-back-convenient", "PLAY calling-back-later",
                "WAIT FOR DIGIT 3000");
        assertThat(journal.outcome).isEqualTo(Outcome.CALL_BACK_LATER);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
    }

    @Test
    void noKeyIsAskedForOnceMoreAndThenTheCallEndsUnconfirmed() {
        callBack("2026-11-22T20:00:00Z");
        assertThat(customer.actions).containsExactly("ANSWER", "PLAY calling-back-hello",
                "PLAY calling-back-yesterday-evening", "PLAY calling-back-convenient", "WAIT FOR DIGIT 5000",
                "PLAY menu-no-input", "PLAY calling-back-convenient", "WAIT FOR DIGIT 5000",
                "PLAY calling-back-later", "WAIT FOR DIGIT 3000", "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.NOT_CONFIRMED);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.HOTLINE);
    }

    @Test
    void whenNoAgentTakesTheCallTheCustomerHearsWeWillCallAgain() {
        customer.pressesDuring("calling-back-convenient", '1').queueEnds(QueueResult.NO_AGENTS)
                .hangsUpAt("WAIT FOR DIGIT 3000");
        callBack("2026-11-23T09:30:00Z");
        assertThat(customer.actions).endsWith("PLAY hold-please-wait", "QUEUE hotline-agents 90",
                "PLAY calling-back-no-agent", "WAIT FOR DIGIT 3000");
        assertThat(journal.notes).contains("queue hotline-agents: NO_AGENTS");
        assertThat(journal.outcome).isEqualTo(Outcome.CALL_BACK_LATER);
    }

    @Test
    void aCustomerWhoHangsUpDuringTheIntroductionIsLoggedAsSuch() {
        customer.hangsUpAt("PLAY calling-back-today-morning");
        callBack("2026-11-23T09:30:00Z");
        assertThat(journal.outcome).isEqualTo(Outcome.CALLER_HUNG_UP);
        assertThat(journal.endedInStep).isEqualTo("calling-back");
    }

    @ParameterizedTest(name = "called at {0}: {1}")
    @CsvSource({
            "2026-11-23T00:10:00Z, calling-back-today-morning",
            "2026-11-23T11:59:00Z, calling-back-today-morning",
            "2026-11-23T12:00:00Z, calling-back-today-afternoon",
            "2026-11-23T18:00:00Z, calling-back-today-evening",
            "2026-11-22T08:00:00Z, calling-back-yesterday-morning",
            "2026-11-22T13:00:00Z, calling-back-yesterday-afternoon",
            "2026-11-21T23:59:00Z, calling-back-earlier"})
    void theCallIsNamedByDayAndPartOfTheDayInTheHotlinesTimeZone(String requestedAt, String words) {
        customer.hangsUpAt("PLAY calling-back-convenient");
        callBack(requestedAt);
        assertThat(customer.actions).containsExactly("ANSWER", "PLAY calling-back-hello", "PLAY " + words,
                "PLAY calling-back-convenient");
    }

    @Test
    void theDayIsTheHotlinesNotTheServers() {
        // 2026-11-23 15:00 UTC is 23:00 in Shanghai; 2026-11-22 17:00 UTC is 01:00 on the 23rd there: this morning.
        config.put("hotline.flow.time-zone", "Asia/Shanghai");
        customer.hangsUpAt("PLAY calling-back-convenient");
        callBack("2026-11-22T17:00:00Z");
        assertThat(customer.actions).contains("PLAY calling-back-today-morning");
    }

    @Test
    void theKeysAreSettings() {
        config.put("hotline.flow.calling-back.accept-key", "5");
        customer.pressesDuring("calling-back-convenient", '5');
        callBack("2026-11-23T09:30:00Z");
        assertThat(journal.outcome).isEqualTo(Outcome.TRANSFERRED);
    }

    @Test
    void aCallThatIsNoCallBackIsRefused() {
        FlowProperties settings = new Binder(new MapConfigurationPropertySource(config))
                .bindOrCreate("hotline.flow", FlowProperties.class);
        assertThatThrownBy(() -> new HotlineFlow(settings, customer, prompt -> false, customer).callBack(customer,
                journal, new CallDetails("1.1", "PJSIP/1001-1", "1001", "", "100", 7, "zh-CN")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
