package com.chengshi.hotline.figures;

import com.chengshi.hotline.console.HotlineTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.time.LocalDate;

/**
 * Service figures over a range of days: the page with its charts, and the same numbers as JSON at
 * {@code /api/figures?from=YYYY-MM-DD&to=YYYY-MM-DD} for a wallboard or a BI tool (docs/console.md).
 */
@Controller
class FiguresController {

    private final ServiceFigures figures;
    private final HotlineTime time;

    FiguresController(ServiceFigures figures, HotlineTime time) {
        this.figures = figures;
        this.time = time;
    }

    @GetMapping("/figures")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Model model) {
        // A week up to today unless a range is asked for.
        HotlineTime.Range range = from == null && to == null ? time.days(time.today().minusDays(6), time.today())
                : time.days(from, to);
        model.addAttribute("report", figures.report(range));
        model.addAttribute("range", range);
        return "figures";
    }

    @GetMapping("/api/figures")
    @ResponseBody
    ServiceFigures.Report json(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return figures.report(time.days(from, to));
    }
}
