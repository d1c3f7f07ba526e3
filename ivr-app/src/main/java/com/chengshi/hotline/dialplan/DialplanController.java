package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.console.ConsoleProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Dialplan page (admin): the hotline's Asterisk files as {@code dialplan check} sees them, so that an admin's own
 * edit is checked before {@code dialplan reload}. Checked afresh at every visit.
 */
@Controller
class DialplanController {

    private final DialplanCheck check;
    private final ConsoleProperties settings;

    DialplanController(DialplanCheck check, ConsoleProperties settings) {
        this.check = check;
        this.settings = settings;
    }

    @GetMapping("/dialplan")
    String page(Model model) {
        model.addAttribute("dir", settings.dialplanDir().toAbsolutePath().normalize());
        model.addAttribute("report", check.check(settings.dialplanDir()));
        return "dialplan";
    }
}
