package com.chengshi.hotline.console;

import com.chengshi.hotline.flow.FlowProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Days and hours as the hotline lives them: in its own time zone ({@code hotline.flow.time-zone}), not the server's. */
@Component
public class HotlineTime {

    /** From the start of one day to the start of the day after another, in the hotline's time zone. */
    public record Range(LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final Clock clock;

    public HotlineTime(FlowProperties flow, Clock clock) {
        this.zone = flow.timeZone();
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The days from {@code firstDay} to {@code lastDay}, both included; today when either is missing. */
    public Range days(LocalDate firstDay, LocalDate lastDay) {
        LocalDate first = firstDay == null ? today() : firstDay;
        LocalDate last = lastDay == null ? (firstDay == null ? today() : firstDay) : lastDay;
        if (last.isBefore(first)) {
            LocalDate swap = first;
            first = last;
            last = swap;
        }
        return new Range(first, last, first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public String show(Instant at) {
        return at == null ? "" : SHOWN.format(at.atZone(zone));
    }
}
