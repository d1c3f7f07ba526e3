package com.chengshi.hotline.console;

import com.chengshi.hotline.callbacks.Callbacks;
import com.chengshi.hotline.figures.ServiceFigures;
import com.chengshi.hotline.flow.HotlineFlow;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/** The supervisor's today: calls on this node now, today's calls so far, line quality, open and overdue callbacks. */
@Controller
class TodayController {

    private final ObjectProvider<HotlineFlow> flow;
    private final ServiceFigures figures;
    private final Callbacks callbacks;
    private final HotlineTime time;

    TodayController(ObjectProvider<HotlineFlow> flow, ServiceFigures figures, Callbacks callbacks, HotlineTime time) {
        this.flow = flow;
        this.figures = figures;
        this.callbacks = callbacks;
        this.time = time;
    }

    /** A supervisor starts on today; an agent on the callbacks they work. */
    @GetMapping("/")
    String start(Authentication user) {
        boolean supervises = user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_SUPERVISOR") || a.getAuthority().equals("ROLE_ADMIN"));
        return supervises ? "redirect:/today" : "redirect:/callbacks";
    }

    @GetMapping("/today")
    String today(Model model) {
        HotlineFlow serving = flow.getIfAvailable();
        List<HotlineFlow.CallInProgress> now = serving == null ? List.of() : serving.callsInProgress();
        List<Callbacks.Callback> open = callbacks.worklist();
        model.addAttribute("inProgress", now);
        model.addAttribute("figures", figures.report(time.days(null, null)).total());
        model.addAttribute("openCallbacks", open.size());
        model.addAttribute("overdueCallbacks", open.stream().filter(Callbacks.Callback::overdue).count());
        model.addAttribute("window", callbacks.promiseWindow());
        model.addAttribute("time", time);
        return "today";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
