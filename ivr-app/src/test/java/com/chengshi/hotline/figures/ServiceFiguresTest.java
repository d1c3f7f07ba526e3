package com.chengshi.hotline.figures;

import com.chengshi.hotline.callbacks.Callbacks;
import com.chengshi.hotline.console.HotlineTime;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Satisfaction;
import com.chengshi.hotline.flow.Verdict;
import com.chengshi.hotline.TestHotline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/** The figures of five calls worked out by hand, as the call log holds them after the flow wrote them. */
// The context closes before its temporary data dir is deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ServiceFiguresTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestHotline.settings(registry, dataDir);
    }

    @Autowired
    ServiceFigures figures;
    @Autowired
    HotlineTime time;
    @Autowired
    JdbcClient db;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Callbacks callbacks;

    static ServiceFigures.Report report;

    @BeforeEach
    void fiveKnownCalls() {
        if (report != null) {
            return;
        }
        KnownCalls.fiveCalls(db, transactions, callbacks);
        report = figures.report(time.days(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21")));
    }

    @Test
    void callsAndOutcomesByDayInTheHotlinesTimeZone() {
        assertThat(report.total().calls()).isEqualTo(5);
        assertThat(report.byDay()).extracting(ServiceFigures.Figures::bucket, ServiceFigures.Figures::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-20", 4),
                        org.assertj.core.groups.Tuple.tuple("2026-11-21", 1));
        assertThat(report.byDay().get(0).outcomes()).containsOnly(entry(Outcome.COMPLETED, 1),
                entry(Outcome.SILENT_LINE, 1), entry(Outcome.CALLER_HUNG_UP, 1), entry(Outcome.CALLBACK_REQUESTED, 1));
        assertThat(report.byHour().get(9).calls()).as("09:00").isEqualTo(2);
        assertThat(report.byHour().get(14).calls()).as("14:00").isEqualTo(2);
        assertThat(report.byHour().get(1).calls()).as("01:00, the same calls in UTC").isZero();
    }

    @Test
    void answeredAtOnceIsWithinThreeSecondsOfReachingUs() {
        assertThat(report.total().answered()).isEqualTo(5);
        assertThat(report.total().answeredAtOnceShare()).isEqualTo(4 / 5.0);
        assertThat(report.total().averageAnswerSeconds()).isCloseTo((1 + 5) / 5.0, within(1e-9));
    }

    @Test
    void waitingAndGivingUpCountTheCallsOnHold() {
        ServiceFigures.Figures day = report.byDay().get(0);
        assertThat(day.askedForAgent()).isEqualTo(2);
        assertThat(day.averageWaitSeconds()).as("30 s and 60 s").isCloseTo(45.0, within(1e-9));
        assertThat(day.longestWaitSeconds()).isCloseTo(60.0, within(1e-9));
        assertThat(day.abandoned()).isEqualTo(1);
        assertThat(day.abandonmentShare()).isEqualTo(0.5);
        ServiceFigures.Figures putThrough = report.byDay().get(1);
        assertThat(putThrough.askedForAgent()).isEqualTo(1);
        assertThat(putThrough.averageWaitSeconds()).as("the queue's wait is Asterisk's").isNull();
        assertThat(putThrough.abandonmentShare()).isZero();
    }

    @Test
    void aCallbackReachedInsideThePromiseWindowIsKept() {
        assertThat(report.total().callbacksPromised()).isEqualTo(1);
        assertThat(report.total().callbacksKeptInWindow()).isEqualTo(1);
        assertThat(report.total().callbacksKeptShare()).isEqualTo(1.0);
    }

    @Test
    void satisfactionIsOverTheAnswersAndTheShareWhoAnsweredOverThoseAsked() {
        assertThat(report.total().surveyed()).isEqualTo(2);
        assertThat(report.total().rated()).isEqualTo(1);
        assertThat(report.total().ratedShare()).isEqualTo(0.5);
        assertThat(report.total().satisfaction()).containsEntry(Satisfaction.SATISFIED, 1.0)
                .containsEntry(Satisfaction.FAIR, 0.0).containsEntry(Satisfaction.DISSATISFIED, 0.0);
        assertThat(report.byDay().get(1).satisfaction()).as("nobody asked").containsEntry(Satisfaction.SATISFIED, null);
    }

    @Test
    void lineQualityByHourAndByTrunk() {
        assertThat(report.total().lineChecked()).isEqualTo(4);
        assertThat(report.total().lineShares()).containsEntry(Verdict.CLEAR, 0.5).containsEntry(Verdict.SILENT, 0.25)
                .containsEntry(Verdict.NOISY, 0.25).containsEntry(Verdict.QUIET, 0.0);
        assertThat(report.byHour().get(14).lineShares()).containsEntry(Verdict.NOISY, 0.5);
        assertThat(report.byTrunk()).extracting(ServiceFigures.Trunk::trunk, ServiceFigures.Trunk::lineChecked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PJSIP/trunk-a", 2),
                        org.assertj.core.groups.Tuple.tuple("PJSIP/trunk-b", 2));
        assertThat(report.byTrunk().get(1).lineShares()).containsEntry(Verdict.NOISY, 0.5);
    }

    @Test
    void theFiguresAreWhatTheSqlSays() {
        HotlineTime.Range first = time.days(LocalDate.parse("2026-11-20"), null);
        assertThat(report.byDay().get(0).calls()).isEqualTo(db.sql(
                        "select count(*) from hotline_call where connected_at >= ? and connected_at < ?")
                .params(Timestamp.from(first.from()), Timestamp.from(first.to())).query(Integer.class).single());
        assertThat(report.total().abandoned()).isEqualTo(db.sql(
                        "select count(*) from hotline_call where outcome = 'CALLER_HUNG_UP' and ended_in_step = 'hold'")
                .query(Integer.class).single());
    }
}
