package com.chengshi.hotline.calls;

import com.chengshi.hotline.console.HotlineTime;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Step;
import com.chengshi.hotline.flow.Verdict;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The calls page: a search of the call log, each call's timeline, and the search as CSV. */
@Controller
class CallsController {

    private final CallQueries calls;
    private final HotlineTime time;

    CallsController(CallQueries calls, HotlineTime time) {
        this.calls = calls;
        this.time = time;
    }

    /** A search as the page's form and the CSV link send it: days in the hotline's zone, the rest optional. */
    record Filter(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String caller, Outcome outcome,
                  String step, Verdict verdict) {

        CallSearch in(HotlineTime.Range range) {
            return new CallSearch(range.from(), range.to(), caller, outcome, step, verdict);
        }
    }

    @GetMapping("/calls")
    String search(Filter filter, Model model) {
        HotlineTime.Range range = time.days(filter.from(), filter.to());
        List<CallQueries.CallRow> found = calls.search(filter.in(range));
        model.addAttribute("range", range);
        model.addAttribute("filter", filter);
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("steps", Arrays.stream(Step.values()).map(Step::id).toList());
        model.addAttribute("verdicts", Verdict.values());
        model.addAttribute("calls", found);
        model.addAttribute("cut", found.size() == CallSearch.MOST_ROWS);
        model.addAttribute("time", time);
        return "calls";
    }

    @GetMapping("/calls/{id}")
    String timeline(@PathVariable long id, Model model) {
        CallQueries.Timeline timeline = calls.timeline(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no call " + id));
        model.addAttribute("timeline", timeline);
        model.addAttribute("time", time);
        return "call";
    }

    @GetMapping("/calls.csv")
    void csv(Filter filter, HttpServletResponse response) throws IOException {
        HotlineTime.Range range = time.days(filter.from(), filter.to());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"calls-" + range.firstDay() + "-to-"
                + range.lastDay() + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        CallsCsv.write(calls.search(filter.in(range)), time, out);
        out.flush();
    }
}
