package com.chengshi.hotline.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.chengshi.hotline.flow.Verdict.CLEAR;
import static com.chengshi.hotline.flow.Verdict.NOISY;
import static com.chengshi.hotline.flow.Verdict.QUIET;
import static com.chengshi.hotline.flow.Verdict.SILENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** One test per situation of the phone-service standard, with the exact prompts and actions it prescribes. */
class HotlineFlowTest {

    private final ScriptedCall caller = new ScriptedCall();
    private final MemoryJournal journal = new MemoryJournal();
    /** Which prompts read out a number (§11); none unless a test says so. */
    private NumbersInPrompts numbersInPrompts = prompt -> false;
    private final Map<String, String> config = new HashMap<>(Map.of("hotline.flow.time-zone", "UTC"));

    private HotlineFlow flow;

    private void serve(String callerNumber) {
        FlowProperties settings = new Binder(new MapConfigurationPropertySource(config))
                .bindOrCreate("hotline.flow", FlowProperties.class);
        flow = new HotlineFlow(settings, caller, numbersInPrompts, caller);
        flow.serve(caller, journal, new CallDetails("1700000000.1", "PJSIP/1001-1", callerNumber, "", "100", 7,
                        "zh-CN"));
    }

    private void serve() {
        serve("1001");
    }

    @Test
    void clearCallerIsGreetedServedAndHangsUpFirst() {
        caller.hears(CLEAR).pressesDuring("menu", '1').hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "PLAY info-opening-hours",
                "PLAY anything-else", "WAIT FOR DIGIT 4000", "PLAY survey", "WAIT FOR DIGIT 5000",
                "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
    }

    @Test
    void callerWhoNeverHangsUpAfterTheGoodbyeIsHungUpOnAfterTheGrace() {
        caller.hears(CLEAR).pressesDuring("menu", '1');
        serve();
        assertThat(caller.actions).endsWith("PLAY goodbye", "WAIT FOR DIGIT 10000", "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.HOTLINE);
    }

    @Test
    void aKeyDuringTheFinalWaitDoesNotCutTheGraceShort() {
        caller.hears(CLEAR).pressesDuring("menu", '1').keys("", "", "5");
        serve();
        assertThat(caller.actions).endsWith("PLAY goodbye", "WAIT FOR DIGIT 10000", "WAIT FOR DIGIT 10000", "HANGUP");
    }

    @Test
    void greetingFollowsTheTimeOfDay() {
        config.put("hotline.flow.time-zone", "Asia/Shanghai");
        caller.hangsUpAt("LISTEN");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting-evening", "LISTEN 5000");
    }

    @Test
    void plainGreetingWhenTimeOfDayIsOff() {
        config.put("hotline.flow.greet-by-time-of-day", "false");
        caller.hangsUpAt("LISTEN");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting", "LISTEN 5000");
    }

    @Test
    void byDefaultTheTimeOfDayIsTheHotlinesNotTheServers() {
        config.remove("hotline.flow.time-zone");
        caller.hangsUpAt("LISTEN");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting-evening", "LISTEN 5000");
    }

    @Test
    void onAFestiveDayTheCallerIsGreetedWithTheSeason() {
        config.put("hotline.flow.festive-greetings[0]", "11-23=greeting-holiday");
        caller.hangsUpAt("LISTEN");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting-holiday", "LISTEN 5000");
    }

    @Test
    void aFestivalThatMovesIsGivenTheDatesOfItsYear() {
        config.put("hotline.flow.festive-greetings[0]", "2025-11-20..2025-11-26=greeting-holiday");
        config.put("hotline.flow.festive-greetings[1]", "2026-11-20..2026-11-26=greeting-new-year");
        caller.hangsUpAt("LISTEN");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting-new-year", "LISTEN 5000");
    }

    @Test
    void aFestiveGreetingThatIsNoDateIsRefusedWithTheRightForm() {
        config.put("hotline.flow.festive-greetings[0]", "Spring Festival=greeting-new-year");
        assertThatThrownBy(this::serve).hasMessageContaining("is not [YYYY-]MM-DD[..[YYYY-]MM-DD]=prompt");
    }

    @Test
    void silentLineIsAskedTwiceMoreThenToldGoodbyeThenHungUpOnAfterALastListen() {
        caller.hears(SILENT, SILENT, SILENT, SILENT);
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY silent-ask-again", "LISTEN 5000",
                "PLAY silent-ask-again", "LISTEN 5000",
                "PLAY silent-goodbye", "LISTEN 3000",
                "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.SILENT_LINE);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.HOTLINE);
        assertThat(journal.retries).containsEntry(Retry.SILENT, 2);
    }

    @Test
    void silentTwiceThenSpeechCarriesOn() {
        caller.hears(SILENT, SILENT, CLEAR).hangsUpAt("PLAY menu");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY silent-ask-again", "LISTEN 5000",
                "PLAY silent-ask-again", "LISTEN 5000",
                "PLAY menu");
        assertThat(journal.outcome).isEqualTo(Outcome.CALLER_HUNG_UP);
        assertThat(journal.endedInStep).isEqualTo("menu");
    }

    @Test
    void callerWhoSpeaksAfterTheSilentGoodbyeIsServedAfterAll() {
        caller.hears(SILENT, SILENT, SILENT, CLEAR).hangsUpAt("PLAY menu");
        serve();
        assertThat(caller.actions).containsSubsequence("PLAY silent-goodbye", "LISTEN 3000", "PLAY menu")
                .doesNotContain("HANGUP");
    }

    @Test
    void callerWeCannotListenToIsServedRatherThanTurnedAway() {
        caller.cannotBeListenedTo().hangsUpAt("PLAY menu");
        serve();
        assertThat(caller.actions).containsExactly("ANSWER", "PLAY greeting-afternoon", "LISTEN 5000", "PLAY menu");
    }

    @Test
    void noisyLineIsAskedToDialAgainThenToUseAnotherPhone() {
        caller.hears(NOISY, NOISY);
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY noisy-dial-again", "LISTEN 5000",
                "PLAY noisy-other-phone", "WAIT FOR DIGIT 3000",
                "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.NOISY_LINE);
        assertThat(journal.retries).containsEntry(Retry.NOISY, 1);
    }

    @Test
    void noisyLineThatClearsUpCarriesOn() {
        caller.hears(NOISY, CLEAR).hangsUpAt("PLAY menu");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY noisy-dial-again", "LISTEN 5000", "PLAY menu");
    }

    @Test
    void quietCallerIsAskedToSpeakUpAndCarriesOnWhenClear() {
        caller.hears(QUIET, CLEAR).hangsUpAt("PLAY menu");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY quiet-speak-up", "LISTEN 5000", "PLAY menu");
        assertThat(journal.retries).containsEntry(Retry.QUIET, 1);
    }

    @Test
    void quietCallerWhoStaysQuietIsAskedToCallFromAnotherPhoneAndMayHangUpFirst() {
        caller.hears(QUIET, QUIET).hangsUpAt("WAIT FOR DIGIT 3000");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY quiet-speak-up", "LISTEN 5000",
                "PLAY quiet-other-phone", "WAIT FOR DIGIT 3000");
        assertThat(journal.outcome).isEqualTo(Outcome.QUIET_LINE);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
    }

    @Test
    void noInputAndInvalidKeysHaveTheirOwnPromptsAndCounters() {
        caller.hears(CLEAR).pressesDuring("menu", '5').keys("", "1").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "PLAY menu-invalid",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY menu-no-input",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY info-opening-hours",
                "PLAY anything-else");
        assertThat(journal.retries).containsEntry(Retry.INVALID, 1).containsEntry(Retry.NO_INPUT, 1);
    }

    @Test
    void whenMenuRetriesRunOutTheCallerGoesToAnAgentNeverLoopingForever() {
        caller.hears(CLEAR).hangsUpAt("PLAY hold-please-wait");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY menu-no-input",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY menu-no-input",
                "PLAY menu", "WAIT FOR DIGIT 5000",
                "PLAY hold-please-wait");
        assertThat(journal.retries).containsEntry(Retry.NO_INPUT, 2);
    }

    @Test
    void noInputAndInvalidKeysShareOneBudgetSoTheMenuPlaysAtMostThreeTimes() {
        caller.hears(CLEAR).pressesDuring("menu", '5').keys("", "").hangsUpAt("PLAY hold-please-wait");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "PLAY menu-invalid",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY menu-no-input",
                "PLAY menu", "WAIT FOR DIGIT 5000",
                "PLAY hold-please-wait");
        assertThat(caller.actions.stream().filter("PLAY menu"::equals)).hasSize(3);
    }

    @Test
    void whenMenuRetriesRunOutTheCallerMayBeToldGoodbyeInstead() {
        config.put("hotline.flow.menu.when-retries-run-out", "goodbye");
        caller.hears(CLEAR);
        serve();
        assertThat(caller.actions).endsWith(
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY goodbye", "WAIT FOR DIGIT 10000", "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void callerWhoCannotHearUsGetsAnApologyAndMoreVolumeThenTheLineProblemAtTheMaximum() {
        caller.hears(CLEAR).pressesDuring("menu", '9').keys("9", "9");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "PLAY sorry", "VOLUME 2", "PLAY louder-is-this-better",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY sorry", "VOLUME 4", "PLAY louder-is-this-better",
                "PLAY menu", "WAIT FOR DIGIT 5000", "PLAY louder-line-problem", "PLAY goodbye",
                "WAIT FOR DIGIT 10000", "HANGUP");
        assertThat(journal.outcome).isEqualTo(Outcome.LINE_PROBLEM);
    }

    @Test
    void waitingCallerIsToldFirstKeptInformedAndOfferedACallbackAfterTheMaximumWait() {
        caller.hears(CLEAR).pressesDuring("menu", '0').hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000",
                "PLAY menu", "PLAY hold-please-wait",
                "MUSIC ON hotline", "WAIT FOR DIGIT 30000", "MUSIC OFF", "PLAY hold-still-waiting",
                "MUSIC ON hotline", "WAIT FOR DIGIT 30000", "MUSIC OFF", "PLAY hold-still-waiting",
                "MUSIC ON hotline", "WAIT FOR DIGIT 30000", "MUSIC OFF",
                "PLAY hold-sorry-kept-waiting",
                "PLAY callback-leave-name-and-question", "RECORD /var/spool/asterisk/monitor/hotline-callback-1700000000.1",
                "PLAY callback-number-is", "SAY NUMBER 1001",
                "PLAY callback-confirm-number", "WAIT FOR DIGIT 5000", "PLAY menu-no-input",
                "PLAY callback-confirm-number", "WAIT FOR DIGIT 5000",
                "PLAY callback-noted",
                "PLAY anything-else", "WAIT FOR DIGIT 4000", "PLAY survey", "WAIT FOR DIGIT 5000",
                "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.callbacks).containsExactly("1001");
        assertThat(journal.outcome).isEqualTo(Outcome.CALLBACK_REQUESTED);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
    }

    @Test
    void waitingCallerMayAskForACallbackWithAKey() {
        caller.hears(CLEAR).pressesDuring("menu", '0').keys("1").hangsUpAt("PLAY callback-leave-name-and-question");
        serve();
        assertThat(caller.actions).endsWith(
                "PLAY hold-please-wait", "MUSIC ON hotline", "WAIT FOR DIGIT 30000", "MUSIC OFF",
                "PLAY hold-sorry-kept-waiting", "PLAY callback-leave-name-and-question");
    }

    @Test
    void waitingInAQueueTheCallerIsPutThrough() {
        config.put("hotline.flow.hold.queue", "hotline-agents");
        caller.hears(CLEAR).pressesDuring("menu", '0');
        serve();
        assertThat(caller.actions).endsWith("PLAY hold-please-wait", "QUEUE hotline-agents 90");
        assertThat(journal.outcome).isEqualTo(Outcome.TRANSFERRED);
    }

    @Test
    void whenNoAgentAnswersInTheQueueTheCallerIsAskedToLeaveACallback() {
        config.put("hotline.flow.hold.queue", "hotline-agents");
        caller.hears(CLEAR).pressesDuring("menu", '0').queueEnds(QueueResult.NO_AGENTS)
                .hangsUpAt("PLAY callback-leave-name-and-question");
        serve();
        assertThat(caller.actions).endsWith("PLAY hold-please-wait", "QUEUE hotline-agents 90",
                "PLAY hold-sorry-kept-waiting", "PLAY callback-leave-name-and-question");
        assertThat(journal.notes).contains("queue hotline-agents: NO_AGENTS");
    }

    @Test
    void aCallerWhoHangsUpInTheQueueIsLoggedAsSuchNotAsPutThrough() {
        config.put("hotline.flow.hold.queue", "hotline-agents");
        caller.hears(CLEAR).pressesDuring("menu", '0').hangsUpAt("QUEUE");
        serve();
        assertThat(journal.outcome).isEqualTo(Outcome.CALLER_HUNG_UP);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
        assertThat(journal.endedInStep).isEqualTo("hold");
    }

    @Test
    void callbackNumberIsKeyedInWhenTheCallerIdIsUnusable() {
        caller.hears(CLEAR).pressesDuring("menu", '2').keys("", "13800138000").hangsUpAt("PLAY anything-else");
        serve("anonymous");
        assertThat(caller.actions).containsSubsequence(
                "PLAY callback-leave-name-and-question", "RECORD /var/spool/asterisk/monitor/hotline-callback-1700000000.1",
                "READ DIGITS callback-enter-number", "READ DIGITS callback-enter-number", "PLAY callback-noted");
        assertThat(journal.callbacks).containsExactly("13800138000");
        assertThat(journal.outcome).isEqualTo(Outcome.CALLBACK_REQUESTED);
    }

    @Test
    void callerMayGiveAnotherCallbackNumber() {
        caller.hears(CLEAR).pressesDuring("menu", '2').keys("2", "13800138000").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).containsSubsequence("SAY NUMBER 1001", "PLAY callback-confirm-number",
                "WAIT FOR DIGIT 5000", "READ DIGITS callback-enter-number", "PLAY callback-noted");
        assertThat(journal.callbacks).containsExactly("13800138000");
    }

    @Test
    void aKeyThatIsNeitherConfirmNorAnotherNumberIsAskedAgain() {
        caller.hears(CLEAR).pressesDuring("menu", '2').keys("5", "1").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).containsSubsequence("SAY NUMBER 1001", "PLAY callback-confirm-number",
                "WAIT FOR DIGIT 5000", "PLAY menu-invalid", "PLAY callback-confirm-number", "WAIT FOR DIGIT 5000",
                "PLAY callback-noted").doesNotContain("READ DIGITS callback-enter-number");
        assertThat(journal.retries).containsExactly(entry(Retry.INVALID, 1));
        assertThat(journal.callbacks).containsExactly("1001");
    }

    @Test
    void aKeyAfterAnythingElseThatIsNoOptionGoesBackToTheMenu() {
        caller.hears(CLEAR).pressesDuring("menu", '1').pressesDuring("anything-else", '7').hangsUpAt("PLAY menu-no");
        serve();
        assertThat(caller.actions).containsSubsequence("PLAY info-opening-hours", "PLAY anything-else", "PLAY menu",
                "WAIT FOR DIGIT 5000", "PLAY menu-no-input");
    }

    @Test
    void aMenuKeyAfterAnythingElseIsThatChoiceAtOnce() {
        caller.hears(CLEAR).pressesDuring("menu", '1').pressesDuring("anything-else", '0')
                .hangsUpAt("PLAY hold-please-wait");
        serve();
        assertThat(caller.actions).endsWith("PLAY info-opening-hours", "PLAY anything-else", "PLAY hold-please-wait");
    }

    @Test
    void aCallerAskingForACallbackStraightAwayHearsNoApologyForAWaitTheyNeverHad() {
        caller.hears(CLEAR).pressesDuring("menu", '2').keys("1").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).containsSubsequence("PLAY menu", "PLAY callback-leave-name-and-question")
                .doesNotContain("PLAY hold-sorry-kept-waiting");
    }

    @Test
    void withNoNumberToCallBackNothingIsPromisedAndTheQuestionIsKept() {
        caller.hears(CLEAR).pressesDuring("menu", '2').keys("", "12").hangsUpAt("PLAY anything-else");
        serve("anonymous");
        assertThat(caller.actions).containsSubsequence("RECORD /var/spool/asterisk/monitor/hotline-callback-1700000000.1",
                "READ DIGITS callback-enter-number", "READ DIGITS callback-enter-number", "PLAY callback-no-number",
                "PLAY anything-else").doesNotContain("PLAY callback-noted");
        assertThat(journal.callbacks).isEmpty();
        assertThat(journal.questionsWithoutNumber).containsExactly(
                "/var/spool/asterisk/monitor/hotline-callback-1700000000.1");
        assertThat(journal.outcome).isEqualTo(Outcome.CALLER_HUNG_UP);
    }

    @Test
    void anUpsetCallersComplaintIsRecordedAndAFollowUpPromisedInTheStandardsWords() {
        caller.hears(CLEAR).pressesDuring("menu", '3').keys("1").hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).containsSubsequence("PLAY menu", "PLAY complaint-tell-us",
                "RECORD /var/spool/asterisk/monitor/hotline-complaint-1700000000.1", "PLAY callback-number-is",
                "SAY NUMBER 1001", "PLAY callback-confirm-number", "WAIT FOR DIGIT 5000", "PLAY complaint-noted", "PLAY anything-else",
                "WAIT FOR DIGIT 4000", "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.complaints).containsExactly("1001");
        assertThat(journal.callbacks).isEmpty();
        assertThat(journal.outcome).isEqualTo(Outcome.COMPLAINT_RECORDED);
    }

    @Test
    void aCallerWhoMayHaveMisdialledHearsWhoWeAreAndOurNumberAfterBeingAskedToNoteItDown() {
        numbersInPrompts = prompt -> prompt.equals("info-who-we-are");
        caller.hears(CLEAR).pressesDuring("menu", '8').keys("", "1", "").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).containsExactly(
                "ANSWER", "PLAY greeting-afternoon", "LISTEN 5000", "PLAY menu",
                "PLAY note-this-down", "WAIT FOR DIGIT 10000",
                "PLAY info-who-we-are", "PLAY hear-it-again", "WAIT FOR DIGIT 5000",
                "PLAY info-who-we-are", "PLAY hear-it-again", "WAIT FOR DIGIT 5000",
                "PLAY anything-else");
    }

    @Test
    void aNumberIsReadOutAtMostAsOftenAsConfiguredThenTheCallGoesOn() {
        numbersInPrompts = prompt -> prompt.equals("info-opening-hours");
        config.put("hotline.flow.hear-again-times", "1");
        caller.hears(CLEAR).pressesDuring("menu", '1').keys("5", "1").hangsUpAt("PLAY anything-else");
        serve();
        assertThat(caller.actions).endsWith("PLAY note-this-down", "WAIT FOR DIGIT 10000",
                "PLAY info-opening-hours", "PLAY hear-it-again", "WAIT FOR DIGIT 5000",
                "PLAY info-opening-hours", "PLAY anything-else");
    }

    @ParameterizedTest
    @CsvSource({"ANSWER, greeting", "PLAY greeting, greeting", "LISTEN, line-check", "PLAY menu, menu",
            "PLAY info, information", "PLAY anything-else, anything-else", "WAIT FOR DIGIT 4000, anything-else",
            "PLAY goodbye, goodbye"})
    void callerWhoHangsUpAtAnyStepEndsAsACompleteRecordAndWeSendNothingMore(String action, String step) {
        caller.hears(CLEAR).pressesDuring("menu", '1').hangsUpAt(action);
        serve();
        assertThat(caller.actions.get(caller.actions.size() - 1)).startsWith(action);
        assertThat(journal.outcome).isEqualTo(Outcome.CALLER_HUNG_UP);
        assertThat(journal.hungUpBy).isEqualTo(HungUpBy.CALLER);
        assertThat(journal.endedInStep).isEqualTo(step);
    }

    @Test
    void eachStepIsJournaledAsTheCallEntersIt() {
        caller.hears(SILENT, CLEAR).pressesDuring("menu", '1').hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(journal.steps).containsExactly("greeting", "line-check", "silent-line", "line-check", "menu",
                "information", "anything-else", "survey", "goodbye", "waiting-for-caller-to-hang-up");
        assertThat(journal.endedInStep).isEqualTo("waiting-for-caller-to-hang-up");
    }

    @Test
    void aServedCallerRatesTheServiceBeforeTheGoodbye() {
        caller.hears(CLEAR).pressesDuring("menu", '1').keys("", "1").hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).endsWith("PLAY anything-else", "WAIT FOR DIGIT 4000", "PLAY survey",
                "WAIT FOR DIGIT 5000", "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.satisfaction).isEqualTo(Satisfaction.SATISFIED);
        assertThat(journal.outcome).isEqualTo(Outcome.COMPLETED);
    }

    @Test
    void aKeyPressedDuringTheSurveyPromptIsTheAnswer() {
        caller.hears(CLEAR).pressesDuring("menu", '1').pressesDuring("survey", '3').hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).endsWith("PLAY survey", "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.satisfaction).isEqualTo(Satisfaction.DISSATISFIED);
    }

    @ParameterizedTest(name = "answer ''{0}''")
    @CsvSource({"''", "7", "#"})
    void noKeyOrAKeyThatIsNoAnswerIsNoAnswerAndTheSurveyIsNeverRepeated(String answer) {
        caller.hears(CLEAR).pressesDuring("menu", '1').keys("", answer).hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).containsOnlyOnce("PLAY survey").endsWith("PLAY survey", "WAIT FOR DIGIT 5000",
                "PLAY goodbye", "WAIT FOR DIGIT 10000");
        assertThat(journal.satisfaction).isNull();
        assertThat(journal.retries).isEmpty();
    }

    @Test
    void withTheSurveyOffTheServedCallerHearsTheGoodbyeStraightAway() {
        config.put("hotline.flow.survey.enabled", "false");
        caller.hears(CLEAR).pressesDuring("menu", '1').hangsUpAt("WAIT FOR DIGIT 10000");
        serve();
        assertThat(caller.actions).endsWith("PLAY anything-else", "WAIT FOR DIGIT 4000", "PLAY goodbye",
                "WAIT FOR DIGIT 10000").doesNotContain("PLAY survey");
    }

    @Test
    void aCallInProgressIsSeenInTheStepItIsInAndGoneOnceItEnds() {
        List<HotlineFlow.CallInProgress> seen = new ArrayList<>();
        caller.hears(CLEAR).pressesDuring("menu", '0').whileAt("MUSIC ON", () -> seen.addAll(flow.callsInProgress()))
                .hangsUpAt("WAIT FOR DIGIT 30000");
        serve();
        assertThat(seen).singleElement().satisfies(call -> {
            assertThat(call.step()).isEqualTo("hold");
            assertThat(call.details().callerNumber()).isEqualTo("1001");
        });
        assertThat(flow.callsInProgress()).isEmpty();
    }
}
