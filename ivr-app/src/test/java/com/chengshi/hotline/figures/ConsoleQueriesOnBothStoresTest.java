package com.chengshi.hotline.figures;

import com.chengshi.hotline.PostgresTestDatabase;
import com.chengshi.hotline.callbacks.Callbacks;
import com.chengshi.hotline.calls.CallQueries;
import com.chengshi.hotline.calls.CallSearch;
import com.chengshi.hotline.console.ConsoleProperties;
import com.chengshi.hotline.console.HotlineTime;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Verdict;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's queries are plain SQL for both stores: the same known calls written to the embedded H2 and to
 * PostgreSQL give the same figures, the same search and timeline and the same worklist. Without a PostgreSQL server
 * the PostgreSQL half is skipped with one line saying how to start one.
 */
class ConsoleQueriesOnBothStoresTest {

    @TempDir
    Path dataDir;

    private PostgresTestDatabase postgres;

    @AfterEach
    void dropSchema() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Everything the console reads, after the five known calls, on one store. */
    private record Seen(ServiceFigures.Report figures, List<CallQueries.CallRow> found, int timelineEvents,
                        List<Callbacks.Callback> worklist) {
    }

    private static Seen afterTheKnownCalls(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
        ConsoleProperties console = new ConsoleProperties(Path.of("unused"), Duration.ofHours(4), Path.of("dialplan"),
                Duration.ofSeconds(3));
        FlowProperties flow = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("hotline.flow", FlowProperties.class);
        HotlineTime time = new HotlineTime(flow, clock);
        Callbacks callbacks = new Callbacks(db, clock, console);
        KnownCalls.fiveCalls(db, new DataSourceTransactionManager(dataSource), callbacks);
        CallQueries calls = new CallQueries(db);
        HotlineTime.Range days = time.days(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"));
        List<CallQueries.CallRow> found = calls.search(new CallSearch(days.from(), days.to(), "0013800",
                Outcome.CALLBACK_REQUESTED, "goodbye", Verdict.CLEAR));
        int events = found.isEmpty() ? 0 : calls.timeline(found.get(0).id()).orElseThrow().events().size();
        return new Seen(new ServiceFigures(calls, db, time, console).report(days),
                found.stream().map(row -> withId(row, 0)).toList(), events, callbacks.worklist());
    }

    /** Ids differ between stores only by how they count; the rest must not. */
    private static CallQueries.CallRow withId(CallQueries.CallRow row, long id) {
        return new CallQueries.CallRow(id, row.connectedAt(), row.answeredAt(), row.endedAt(), row.callerNumber(),
                row.channel(), row.seat(), row.language(), row.outcome(), row.hungUpBy(), row.endedInStep(),
                row.verdict(), row.speechLevelDbfs(), row.noiseFloorDbfs(), row.snrDb(), row.waited(), row.surveyed(),
                row.satisfaction(), row.dialledNumber(), row.callbackId(), row.attempt());
    }

    @Test
    void postgresqlShowsWhatH2Shows() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
        Seen onH2 = afterTheKnownCalls(h2);
        assertThat(onH2.found()).as("the callback call, found by every filter at once").hasSize(1);
        assertThat(onH2.timelineEvents()).isPositive();

        postgres = PostgresTestDatabase.create();
        Seen onPostgres = afterTheKnownCalls(postgres.dataSource());

        assertThat(onPostgres.figures()).isEqualTo(onH2.figures());
        assertThat(onPostgres.found()).isEqualTo(onH2.found());
        assertThat(onPostgres.timelineEvents()).isEqualTo(onH2.timelineEvents());
        assertThat(onPostgres.worklist()).isEqualTo(onH2.worklist());
    }
}
