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
import org.springframework.web.bind.annotation.RequestParam;
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

    @GetMapping("/calls")
    String search(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) String caller, @RequestParam(required = false) Outcome outcome,
                  @RequestParam(required = false) String step, @RequestParam(required = false) Verdict verdict,
                  Model model) {
        HotlineTime.Range range = time.days(from, to);
        List<CallQueries.CallRow> found = calls.search(new CallSearch(range.from(), range.to(), caller, outcome, step,
                verdict));
        model.addAttribute("range", range);
        model.addAttribute("caller", caller);
        model.addAttribute("outcome", outcome);
        model.addAttribute("step", step);
        model.addAttribute("verdict", verdict);
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
    void csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
             @RequestParam(required = false) String caller, @RequestParam(required = false) Outcome outcome,
             @RequestParam(required = false) String step, @RequestParam(required = false) Verdict verdict,
             HttpServletResponse response) throws IOException {
        HotlineTime.Range range = time.days(from, to);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"calls-" + range.firstDay() + "-to-"
                + range.lastDay() + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        CallsCsv.write(calls.search(new CallSearch(range.from(), range.to(), caller, outcome, step, verdict)), time,
                out);
        out.flush();
    }
}
