package com.chengshi.hotline.callbacks;

import com.chengshi.hotline.console.ConsoleProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The follow-up form of the standard: every promised callback and complaint, tracked until it is kept. */
@Component
public class Callbacks {

    /**
     * @param attempts      the callback dialer's attempts so far
     * @param nextAttemptAt the earliest its next attempt may be placed, or null before the first
     * @param dialling      whether a call to it is being placed or in progress now
     */
    public record Callback(long id, long callId, String kind, String number, String recording, CallbackStatus status,
                           Instant promisedAt, Instant lastChangeAt, boolean overdue, int attempts,
                           Instant nextAttemptAt, boolean dialling) {
    }

    public record Update(CallbackStatus status, String note, String by, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration promiseWindow;

    public Callbacks(JdbcClient jdbc, Clock clock, ConsoleProperties settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.promiseWindow = settings.promiseWindow();
    }

    public Duration promiseWindow() {
        return promiseWindow;
    }

    /** Those still to be worked, oldest promise first. */
    public List<Callback> worklist() {
        return query(" where r.status not in (" + CallbackStatus.keptInSql() + ") order by r.created_at, r.id", List.of());
    }

    /** Those kept (reached or done), newest first, at most {@code limit}. */
    public List<Callback> recentlyKept(int limit) {
        return query(" where r.status in (" + CallbackStatus.keptInSql() + ") order by r.created_at desc, r.id desc", List.of())
                .stream().limit(limit).toList();
    }

    public Optional<Callback> find(long id) {
        return query(" where r.id = ?", List.of(id)).stream().findFirst();
    }

    public List<Update> history(long id) {
        return jdbc.sql("select status, note, changed_by, changed_at from callback_update where callback_id = ?"
                        + " order by changed_at, id").param(id)
                .query((rs, n) -> new Update(CallbackStatus.valueOf(rs.getString("status")), rs.getString("note"),
                        rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant())).list();
    }

    /** A member of the team says where the promise stands; kept with who they are and when. */
    @Transactional
    public void update(long id, CallbackStatus status, String note, String by) {
        Instant now = clock.instant();
        String kept = note == null || note.isBlank() ? null : note.strip();
        if (kept != null && kept.length() > 512) {
            kept = kept.substring(0, 509) + "...";
        }
        if (!change(jdbc, id, status, kept, by, now)) {
            throw new IllegalArgumentException("no callback " + id);
        }
    }

    /**
     * Sets a request's status and keeps the change in its history, in the caller's transaction: the one way a status
     * changes, for the team, the callback dialer and the call back's own end. False when there is no such request.
     */
    public static boolean change(JdbcClient jdbc, long id, CallbackStatus status, String note, String by, Instant at) {
        int changed = jdbc.sql("update callback_request set status = ? where id = ?").params(status.name(), id)
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("insert into callback_update (callback_id, status, note, changed_by, changed_at) values (?, ?, ?, ?, ?)")
                .params(id, status.name(), note, by, Timestamp.from(at)).update();
        return true;
    }

    /** The caller's recording as Asterisk wrote it ({@code <recording>.wav}), when this host can read it. */
    public Optional<Path> recording(Callback callback) {
        if (callback.recording() == null) {
            return Optional.empty();
        }
        Path wav = Path.of(callback.recording() + ".wav");
        return Files.isReadable(wav) && Files.isRegularFile(wav) ? Optional.of(wav) : Optional.empty();
    }

    private List<Callback> query(String where, List<Object> params) {
        Instant overdueBefore = clock.instant().minus(promiseWindow);
        return jdbc.sql("""
                        select r.id, r.call_id, r.kind, r.callback_number, r.recording, r.status, r.created_at,
                               r.attempts, r.next_attempt_at, r.dialling_number,
                               (select max(u.changed_at) from callback_update u where u.callback_id = r.id) as last_change
                          from callback_request r""" + where).params(params)
                .query((rs, n) -> callback(rs, overdueBefore)).list();
    }

    private static Callback callback(ResultSet rs, Instant overdueBefore) throws SQLException {
        CallbackStatus status = CallbackStatus.valueOf(rs.getString("status"));
        Instant promised = rs.getTimestamp("created_at").toInstant();
        Timestamp lastChange = rs.getTimestamp("last_change");
        return new Callback(rs.getLong("id"), rs.getLong("call_id"), rs.getString("kind"),
                rs.getString("callback_number"), rs.getString("recording"), status, promised,
                lastChange == null ? null : lastChange.toInstant(),
                status.isOpen() && promised.isBefore(overdueBefore), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at") == null ? null : rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("dialling_number") != null);
    }
}
