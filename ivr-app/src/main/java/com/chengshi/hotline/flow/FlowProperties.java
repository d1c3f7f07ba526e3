package com.chengshi.hotline.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The call flow's timeouts, retries and menu ({@code hotline.flow.*}). The defaults follow the standard: two re-asks
 * on a silent line (§2), one on a noisy (§3) or faint (§4) one, and a ten-second wait for the caller to hang up (§17).
 *
 * @param greetByTimeOfDay  §1: good morning / afternoon / evening, in {@code timeZone}
 * @param timeZone          the hotline's time zone for greetings and festive days, whatever the server's
 * @param festiveGreetings  §1: the season's greeting on these days, {@code [YYYY-]MM-DD[..[YYYY-]MM-DD]=prompt}; a
 *                          lunar festival such as 春节 by its dates in a given year
 * @param listenWindow      the longest we listen for the caller after a prompt
 * @param lastListen        §2: the last listen after the goodbye on a silent line
 * @param silentAskAgain    §2: re-asks on a silent line before the goodbye
 * @param noisyAskAgain     §3: re-asks on a noisy line before asking for another phone
 * @param quietAskAgain     §4: re-asks of a faint caller before asking for another phone
 * @param fallbackWait      §3, §4, §8: the short wait for the caller to hang up before we do
 * @param anythingElseWait  §17: how long "anything else?" waits for a key
 * @param noteDownWait      §11: how long "are you able to note this down?" waits for a key before a number is read
 * @param hearAgainTimes    §11: how often "press 1 to hear it again" is offered after a number
 * @param hangupGrace       §17: how long we wait for the caller to hang up first after the goodbye
 * @param survey            the satisfaction survey before the goodbye of a served call
 */
@ConfigurationProperties("hotline.flow")
public record FlowProperties(
        @DefaultValue("true") boolean greetByTimeOfDay,
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue({"01-01=greeting-new-year", "10-01..10-07=greeting-holiday"}) List<String> festiveGreetings,
        @DefaultValue("5s") Duration listenWindow,
        @DefaultValue("3s") Duration lastListen,
        @DefaultValue("2") int silentAskAgain,
        @DefaultValue("1") int noisyAskAgain,
        @DefaultValue("1") int quietAskAgain,
        @DefaultValue("3s") Duration fallbackWait,
        @DefaultValue Menu menu,
        @DefaultValue Volume volume,
        @DefaultValue Hold hold,
        @DefaultValue Callback callback,
        @DefaultValue("4s") Duration anythingElseWait,
        @DefaultValue("10s") Duration noteDownWait,
        @DefaultValue("2") int hearAgainTimes,
        @DefaultValue("10s") Duration hangupGrace,
        @DefaultValue Survey survey) {

    /** The festive greetings, parsed from {@code [YYYY-]MM-DD[..[YYYY-]MM-DD]=prompt} so that admins write one line each. */
    public List<FestiveGreeting> parsedFestiveGreetings() {
        return festiveGreetings.stream().map(FestiveGreeting::parse).toList();
    }

    /**
     * §1: a greeting for a season ("节日快乐", "新年快乐"): every year from {@code MM-DD}, or on the dates of one year
     * (lunar festivals such as 春节 move: {@code 2027-02-06..2027-02-12=greeting-new-year}).
     */
    public record FestiveGreeting(String from, String to, String prompt) {

        private static final String DATE = "([0-9]{4}-)?[0-9]{2}-[0-9]{2}";

        static FestiveGreeting parse(String spec) {
            String[] parts = spec.split("=", 2);
            String[] range = parts[0].trim().split("\\.\\.", 2);
            if (parts.length != 2 || parts[1].isBlank() || !range[0].matches(DATE)
                    || range.length == 2 && !range[1].matches(DATE)) {
                throw new IllegalArgumentException("hotline.flow.festive-greetings: '" + spec
                        + "' is not [YYYY-]MM-DD[..[YYYY-]MM-DD]=prompt");
            }
            return new FestiveGreeting(range[0], range.length == 2 ? range[1] : range[0], parts[1].trim());
        }

        /** Whether {@code day} is in the range: by month and day when the range names no year. */
        public boolean covers(LocalDate day) {
            if (from.length() == 10) {
                return !day.isBefore(LocalDate.parse(from)) && !day.isAfter(LocalDate.parse(to));
            }
            String monthDay = day.toString().substring(5);
            return monthDay.compareTo(from) >= 0 && monthDay.compareTo(to) <= 0;
        }
    }

    /** What to do when the caller's menu retries run out (§9: never loop forever). */
    public enum WhenRetriesRunOut { AGENT, GOODBYE }

    /** What a menu key does. */
    public enum Action {
        /** Plays an information prompt, then asks whether there is anything else. */
        INFO,
        /** Puts the caller through to an agent, on hold until one answers (§8, §10). */
        AGENT,
        /** Takes the caller's name, question and number for a call back (§10, §13–14). */
        CALLBACK,
        /** The caller cannot hear us: apologise and speak louder (§6). */
        LOUDER,
        /** An upset caller: record the complaint and promise a follow-up (§12). */
        COMPLAINT
    }

    /** One menu key: {@code prompt} is the information prompt of an {@link Action#INFO} key. */
    public record Option(char key, Action action, String prompt) {
    }

    /**
     * @param options           {@code key:ACTION[:prompt]} each: INFO (with a prompt id), CALLBACK, COMPLAINT, AGENT,
     *                          LOUDER; the {@code menu} prompt must announce exactly these keys
     * @param timeout           how long the menu waits for a key
     * @param retries           §9: how often the menu is offered again after no key or a key that is no option
     * @param whenRetriesRunOut AGENT or GOODBYE: never loop for ever
     */
    public record Menu(
            @DefaultValue({"1:INFO:info-opening-hours", "2:CALLBACK", "3:COMPLAINT", "8:INFO:info-who-we-are",
                    "0:AGENT", "9:LOUDER"}) List<String> options,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("2") int retries,
            @DefaultValue("AGENT") WhenRetriesRunOut whenRetriesRunOut) {

        /** The options, parsed from {@code key:ACTION[:prompt]} so that admins can write one line a key. */
        public List<Option> parsedOptions() {
            return options.stream().map(Menu::parse).toList();
        }

        private static Option parse(String spec) {
            String[] parts = spec.split(":", 3);
            if (parts.length < 2 || parts[0].length() != 1 || "0123456789*#".indexOf(parts[0].charAt(0)) < 0) {
                throw new IllegalArgumentException("hotline.flow.menu.options: '" + spec
                        + "' is not key:ACTION[:prompt] with a key from 0-9, * or #");
            }
            Action action = Action.valueOf(parts[1].trim().toUpperCase());
            String prompt = parts.length == 3 ? parts[2].trim() : null;
            if (action == Action.INFO && (prompt == null || prompt.isEmpty())) {
                throw new IllegalArgumentException("hotline.flow.menu.options: '" + spec + "' needs a prompt id");
            }
            return new Option(parts[0].charAt(0), action, prompt);
        }
    }

    /**
     * §6: how much louder each request makes us (Asterisk's VOLUME(TX)), and the most we go to.
     *
     * @param step the gain added per request
     * @param max  the most we go to; then the line may be at fault
     */
    public record Volume(@DefaultValue("2") int step, @DefaultValue("4") int max) {
    }

    /**
     * §8, §10: with {@code queue} set, callers wait in that Asterisk queue (whose announcements keep them informed);
     * without it, on hold music with a reminder every {@code reminderEvery}, until {@code maxWait} or the callback key.
     *
     * @param queue         the Asterisk queue to wait in; none: hold music with reminders
     * @param musicClass    the music-on-hold class of the wait
     * @param reminderEvery how often the waiting caller hears "sorry to keep you waiting"
     * @param maxWait       the longest wait before a callback is offered
     * @param callbackKey   the key that asks for a callback while waiting
     */
    public record Hold(
            @DefaultValue("") String queue,
            @DefaultValue("hotline") String musicClass,
            @DefaultValue("30s") Duration reminderEvery,
            @DefaultValue("90s") Duration maxWait,
            @DefaultValue("1") char callbackKey) {
    }

    /**
     * §10, §12, §13–14: recording what the caller says, and confirming the number to call back.
     *
     * @param recordingPrefix          where Asterisk records a callback's name and question (the call's id is added)
     * @param complaintRecordingPrefix where Asterisk records a complaint
     * @param maxRecording             the longest recording
     * @param recordingSilence         silence that ends a recording
     * @param keyTimeout               how long the number confirmation and entry wait for keys
     * @param confirmRetries           how often the confirmation is offered again after no key or a wrong one
     * @param maxNumberDigits          the most digits of a keyed-in number
     * @param numberAttempts           how often a number may be keyed in
     */
    public record Callback(
            @DefaultValue("/var/spool/asterisk/monitor/hotline-callback") String recordingPrefix,
            @DefaultValue("/var/spool/asterisk/monitor/hotline-complaint") String complaintRecordingPrefix,
            @DefaultValue("60s") Duration maxRecording,
            @DefaultValue("5s") Duration recordingSilence,
            @DefaultValue("5s") Duration keyTimeout,
            @DefaultValue("1") int confirmRetries,
            @DefaultValue("20") int maxNumberDigits,
            @DefaultValue("2") int numberAttempts) {
    }

    /**
     * The satisfaction survey: "press 1 if satisfied, 2 if fair, 3 if not", asked once before the goodbye of a
     * served call.
     *
     * @param enabled whether served callers are asked
     * @param keyWait how long the survey waits for a key; no key is no answer
     */
    public record Survey(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration keyWait) {
    }
}
