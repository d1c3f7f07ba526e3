package com.chengshi.hotline.figures;

import com.chengshi.hotline.callbacks.CallbackStatus;
import com.chengshi.hotline.calls.CallQueries;
import com.chengshi.hotline.console.ConsoleProperties;
import com.chengshi.hotline.console.HotlineTime;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Step;
import com.chengshi.hotline.flow.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service as the standard measures it ("answer speed, waiting time and the share of callers who give up while
 * waiting"), by day and by hour of the day, from the call log. Each figure's formula is in {@link #DEFINITIONS}; the
 * console prints it beside the figure and the JSON carries it, because call-centre figures have several.
 */
@Component
public class ServiceFigures {

    /** The figures of one day, one hour of the day (over the whole range), or the whole range. */
    public record Figures(String bucket, int calls, Map<Outcome, Integer> outcomes, int answered,
                          Double answeredAtOnceShare, Double averageAnswerSeconds, int askedForAgent,
                          int waitMeasured, Double averageWaitSeconds, Double longestWaitSeconds, int abandoned,
                          Double abandonmentShare, int callbacksPromised, int callbacksKeptInWindow,
                          Double callbacksKeptShare, int lineChecked, Map<Verdict, Double> lineShares,
                          int surveyed, int rated, Double ratedShare, Map<Satisfaction, Double> satisfaction) {
    }

    /** Line quality on one trunk: which trunks bring bad lines. */
    public record Trunk(String trunk, int lineChecked, Map<Verdict, Double> lineShares) {
    }

    public record Report(LocalDate from, LocalDate to, String timeZone, Figures total, List<Figures> byDay,
                         List<Figures> byHour, List<Trunk> byTrunk, Map<String, String> definitions) {
    }

    public static final Map<String, String> DEFINITIONS = definitions();

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("calls", "calls that reached the hotline (a row in the call log), by when they reached it, in the"
                + " hotline's time zone");
        d.put("outcomes", "calls by how they ended (the flow's outcome)");
        d.put("answeredAtOnceShare", "answered calls the hotline answered within answer-within of reaching it,"
                + " over all answered calls (§1: answer at once)");
        d.put("averageAnswerSeconds", "mean time from a call reaching the hotline to its ANSWER, over answered calls");
        d.put("askedForAgent", "calls that were put on hold for an agent (§8: the hold step)");
        d.put("averageWaitSeconds", "mean time on hold: from \"please wait\" to the caller leaving the hold step"
                + " (a callback offered, hung up), over calls on hold not put through; for a caller the agents' queue"
                + " put through, the time to the agent is Asterisk's (queue_log) and not counted here");
        d.put("abandonmentShare", "callers who hung up while on hold, over all calls put on hold (abandonment rate,"
                + " counting every abandon however short)");
        d.put("callbacksKeptShare", "callbacks and complaints promised with a number, reached or done within the"
                + " promise window of being promised, over all such promises of the bucket");
        d.put("lineShares", "line-check verdicts (silent, noisy, quiet, clear) over calls whose line was checked,"
                + " by the call's verdict");
        d.put("ratedShare", "callers who pressed an answer to the satisfaction survey, over all callers asked");
        d.put("satisfaction", "answers to the survey (satisfied 1, fair 2, not satisfied 3) over all answers: the"
                + " satisfied share is the satisfaction rate; callers who gave no answer are not counted");
        return Map.copyOf(d);
    }

    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("-[0-9a-fA-F]+(;\\d+)?$");

    private final CallQueries calls;
    private final JdbcClient jdbc;
    private final HotlineTime time;
    private final ConsoleProperties settings;

    public ServiceFigures(CallQueries calls, JdbcClient jdbc, HotlineTime time, ConsoleProperties settings) {
        this.calls = calls;
        this.jdbc = jdbc;
        this.time = time;
        this.settings = settings;
    }

    private record Promise(Instant promisedAt, Instant keptAt) {
    }

    public Report report(HotlineTime.Range range) {
        List<CallQueries.CallRow> rows = calls.all(range.from(), range.to());
        List<Promise> promises = promises(range);
        Map<String, List<CallQueries.CallRow>> byDay = new TreeMap<>();
        for (LocalDate day = range.firstDay(); !day.isAfter(range.lastDay()); day = day.plusDays(1)) {
            byDay.put(day.toString(), new ArrayList<>());
        }
        Map<String, List<CallQueries.CallRow>> byHour = new TreeMap<>();
        for (int hour = 0; hour < 24; hour++) {
            byHour.put(String.format("%02d:00", hour), new ArrayList<>());
        }
        Map<String, List<Promise>> promisesByDay = new TreeMap<>();
        Map<String, List<Promise>> promisesByHour = new TreeMap<>();
        for (CallQueries.CallRow row : rows) {
            byDay.get(day(row.connectedAt())).add(row);
            byHour.get(hour(row.connectedAt())).add(row);
        }
        for (Promise promise : promises) {
            promisesByDay.computeIfAbsent(day(promise.promisedAt()), d -> new ArrayList<>()).add(promise);
            promisesByHour.computeIfAbsent(hour(promise.promisedAt()), h -> new ArrayList<>()).add(promise);
        }
        List<Figures> days = byDay.entrySet().stream().map(e -> figures(e.getKey(), e.getValue(),
                promisesByDay.getOrDefault(e.getKey(), List.of()))).toList();
        List<Figures> hours = byHour.entrySet().stream().map(e -> figures(e.getKey(), e.getValue(),
                promisesByHour.getOrDefault(e.getKey(), List.of()))).toList();
        Map<String, List<CallQueries.CallRow>> byTrunk = rows.stream().filter(r -> r.verdict() != null)
                .collect(Collectors.groupingBy(r -> trunk(r.channel()), TreeMap::new, Collectors.toList()));
        List<Trunk> trunks = byTrunk.entrySet().stream()
                .map(e -> new Trunk(e.getKey(), e.getValue().size(), lineShares(e.getValue()))).toList();
        return new Report(range.firstDay(), range.lastDay(), time.zone().getId(),
                figures("total", rows, promises), days, hours, trunks, DEFINITIONS);
    }

    /** The trunk or endpoint a call came in on: its channel name without Asterisk's per-call suffix. */
    static String trunk(String channel) {
        return channel == null || channel.isBlank() ? "unknown" : CHANNEL_SUFFIX.matcher(channel).replaceFirst("");
    }

    private String day(Instant at) {
        return at.atZone(time.zone()).toLocalDate().toString();
    }

    private String hour(Instant at) {
        return String.format("%02d:00", at.atZone(time.zone()).getHour());
    }

    private Figures figures(String bucket, List<CallQueries.CallRow> rows, List<Promise> promises) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        rows.stream().filter(r -> r.outcome() != null).forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
        List<Duration> answerTimes = rows.stream().filter(r -> r.answeredAt() != null)
                .map(r -> Duration.between(r.connectedAt(), r.answeredAt())).toList();
        long atOnce = answerTimes.stream().filter(d -> d.compareTo(settings.answerWithin()) <= 0).count();
        List<CallQueries.CallRow> onHold = rows.stream().filter(r -> r.waited() != null).toList();
        List<Duration> waits = onHold.stream().filter(r -> r.outcome() != Outcome.TRANSFERRED)
                .map(CallQueries.CallRow::waited).toList();
        long abandoned = onHold.stream().filter(r -> r.outcome() == Outcome.CALLER_HUNG_UP
                && Step.HOLD.id().equals(r.endedInStep())).count();
        long kept = promises.stream().filter(p -> p.keptAt() != null
                && !p.keptAt().isAfter(p.promisedAt().plus(settings.promiseWindow()))).count();
        List<CallQueries.CallRow> checked = rows.stream().filter(r -> r.verdict() != null).toList();
        List<CallQueries.CallRow> surveyed = rows.stream().filter(CallQueries.CallRow::surveyed).toList();
        List<CallQueries.CallRow> rated = surveyed.stream().filter(r -> r.satisfaction() != null).toList();
        return new Figures(bucket, rows.size(), outcomes, answerTimes.size(), share(atOnce, answerTimes.size()),
                averageSeconds(answerTimes), onHold.size(), waits.size(), averageSeconds(waits),
                waits.stream().max(Duration::compareTo).map(ServiceFigures::seconds).orElse(null), (int) abandoned,
                share(abandoned, onHold.size()), promises.size(), (int) kept, share(kept, promises.size()),
                checked.size(), lineShares(checked), surveyed.size(), rated.size(),
                share(rated.size(), surveyed.size()), satisfaction(rated));
    }

    private static Map<Satisfaction, Double> satisfaction(List<CallQueries.CallRow> rated) {
        Map<Satisfaction, Double> shares = new EnumMap<>(Satisfaction.class);
        for (Satisfaction answer : Satisfaction.values()) {
            shares.put(answer, share(rated.stream().filter(r -> r.satisfaction() == answer).count(), rated.size()));
        }
        return shares;
    }

    private static Map<Verdict, Double> lineShares(List<CallQueries.CallRow> checked) {
        Map<Verdict, Double> shares = new EnumMap<>(Verdict.class);
        Map<String, Long> counts = checked.stream().collect(Collectors.groupingBy(CallQueries.CallRow::verdict,
                Collectors.counting()));
        for (Verdict verdict : Verdict.values()) {
            shares.put(verdict, share(counts.getOrDefault(verdict.name(), 0L), checked.size()));
        }
        return shares;
    }

    /** Promises with a number made in the range, and when each was first reached or done. */
    private List<Promise> promises(HotlineTime.Range range) {
        return jdbc.sql("""
                        select r.created_at,
                               (select min(u.changed_at) from callback_update u
                                 where u.callback_id = r.id and u.status in (%s)) as kept_at
                          from callback_request r
                         where r.created_at >= ? and r.created_at < ? and r.callback_number is not null"""
                        .formatted(CallbackStatus.keptInSql()))
                .params(Timestamp.from(range.from()), Timestamp.from(range.to()))
                .query((rs, n) -> new Promise(rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("kept_at") == null ? null : rs.getTimestamp("kept_at").toInstant()))
                .list();
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double averageSeconds(List<Duration> durations) {
        return durations.isEmpty() ? null
                : durations.stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000.0;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
