package com.chengshi.hotline.calls;

import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Step;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The call log, read: calls found by a search, and one call's timeline. Plain SQL that runs on H2 and PostgreSQL. */
@Component
public class CallQueries {

    /**
     * One call as the search lists it. {@code waited} is the time in §8's hold, if the caller was put on hold;
     * {@code surveyed} whether they were asked to rate the service, {@code satisfaction} their answer. A call back the
     * dialer placed (§15) has its {@code callbackId} and {@code attempt}, and the customer's number as
     * {@code dialledNumber}.
     */
    public record CallRow(long id, Instant connectedAt, Instant answeredAt, Instant endedAt, String callerNumber,
                          String channel, int seat, String language, Outcome outcome, HungUpBy hungUpBy,
                          String endedInStep, String verdict, Double speechLevelDbfs, Double noiseFloorDbfs,
                          Double snrDb, Duration waited, boolean surveyed, Satisfaction satisfaction,
                          String dialledNumber, Long callbackId, Integer attempt) {

        public Duration length() {
            return endedAt == null ? null : Duration.between(connectedAt, endedAt);
        }
    }

    /** One thing that happened in a call, {@code offset} after it reached us. */
    public record Event(Duration offset, String step, String prompt, String digits, String verdict,
                        Double speechLevelDbfs, Double noiseFloorDbfs, Double snrDb, Long decisionMs,
                        String detail) {
    }

    public record Timeline(CallRow call, List<Event> events) {
    }

    private static final String HOLD = Step.HOLD.id();

    /**
     * The call's columns, and its time on hold: from its first event in the hold step to its next event in another
     * step, or to its end. Events are told apart by id (the order they were written in), as two can share a ms.
     */
    private static final String CALL_COLUMNS = """
            select c.id, c.connected_at, c.answered_at, c.ended_at, c.caller_number, c.channel, c.seat, c.language,
                   c.outcome, c.hung_up_by, c.ended_in_step, c.verdict, c.speech_level_dbfs, c.noise_floor_dbfs,
                   c.snr_db, c.satisfaction, c.dialled_number, c.callback_id, c.attempt,
                   exists (select 1 from call_event v where v.call_id = c.id and v.step = 'survey') as surveyed,
                   (select s.offset_ms from call_event s where s.id = h.hold_first) as hold_start,
                   (select min(e.offset_ms) from call_event e
                     where e.call_id = c.id and e.id > h.hold_first and e.step <> ?) as hold_end
              from hotline_call c
              left join (select call_id, min(id) as hold_first from call_event where step = ? group by call_id) h
                on h.call_id = c.id
            """;

    private final JdbcClient jdbc;

    public CallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The calls that reached us in the range and match the search, newest first, at most {@value CallSearch#MOST_ROWS}. */
    public List<CallRow> search(CallSearch search) {
        return find(search, CallSearch.MOST_ROWS);
    }

    /** Every call that reached us in the range, newest first. */
    public List<CallRow> all(Instant from, Instant to) {
        return find(new CallSearch(from, to, null, null, null, null), Integer.MAX_VALUE);
    }

    private List<CallRow> find(CallSearch search, int mostRows) {
        StringBuilder sql = new StringBuilder(CALL_COLUMNS).append(" where c.connected_at >= ? and c.connected_at < ?");
        List<Object> params = new ArrayList<>(List.of(HOLD, HOLD, Timestamp.from(search.from()),
                Timestamp.from(search.to())));
        if (search.callerNumber() != null && !search.callerNumber().isBlank()) {
            sql.append(" and c.caller_number like ?");
            params.add("%" + search.callerNumber().strip().replace("%", "").replace("_", "") + "%");
        }
        if (search.outcome() != null) {
            sql.append(" and c.outcome = ?");
            params.add(search.outcome().name());
        }
        if (search.step() != null && !search.step().isBlank()) {
            sql.append(" and c.ended_in_step = ?");
            params.add(search.step());
        }
        if (search.verdict() != null) {
            sql.append(" and c.verdict = ?");
            params.add(search.verdict().name());
        }
        sql.append(" order by c.connected_at desc, c.id desc");
        try (Stream<CallRow> rows = jdbc.sql(sql.toString()).params(params).query(CallQueries::callRow).stream()) {
            return rows.limit(mostRows).toList();
        }
    }

    public Optional<Timeline> timeline(long callId) {
        return jdbc.sql(CALL_COLUMNS + " where c.id = ?").params(HOLD, HOLD, callId).query(CallQueries::callRow)
                .optional().map(call -> new Timeline(call, jdbc.sql("""
                        select offset_ms, step, prompt, digits, verdict, speech_level_dbfs, noise_floor_dbfs, snr_db,
                               decision_ms, detail
                          from call_event where call_id = ? order by offset_ms, id""").param(callId)
                        .query((rs, n) -> new Event(Duration.ofMillis(rs.getLong("offset_ms")), rs.getString("step"),
                                rs.getString("prompt"), rs.getString("digits"), rs.getString("verdict"),
                                number(rs, "speech_level_dbfs"), number(rs, "noise_floor_dbfs"), number(rs, "snr_db"),
                                rs.getObject("decision_ms") == null ? null : rs.getLong("decision_ms"),
                                rs.getString("detail")))
                        .list()));
    }

    static CallRow callRow(ResultSet rs, int row) throws SQLException {
        Long holdStart = rs.getObject("hold_start") == null ? null : rs.getLong("hold_start");
        Long holdEnd = rs.getObject("hold_end") == null ? null : rs.getLong("hold_end");
        Instant connected = instant(rs, "connected_at");
        Instant ended = instant(rs, "ended_at");
        Duration waited = null;
        if (holdStart != null) {
            long end = holdEnd != null ? holdEnd
                    : ended != null ? Duration.between(connected, ended).toMillis() : holdStart;
            waited = Duration.ofMillis(Math.max(0, end - holdStart));
        }
        String outcome = rs.getString("outcome");
        String hungUpBy = rs.getString("hung_up_by");
        return new CallRow(rs.getLong("id"), connected, instant(rs, "answered_at"), ended,
                rs.getString("caller_number"), rs.getString("channel"), rs.getInt("seat"), rs.getString("language"),
                outcome == null ? null : Outcome.valueOf(outcome), hungUpBy == null ? null : HungUpBy.valueOf(hungUpBy),
                rs.getString("ended_in_step"), rs.getString("verdict"), number(rs, "speech_level_dbfs"),
                number(rs, "noise_floor_dbfs"), number(rs, "snr_db"), waited, rs.getBoolean("surveyed"),
                rs.getString("satisfaction") == null ? null : Satisfaction.valueOf(rs.getString("satisfaction")),
                rs.getString("dialled_number"), rs.getObject("callback_id", Long.class),
                rs.getObject("attempt", Integer.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
