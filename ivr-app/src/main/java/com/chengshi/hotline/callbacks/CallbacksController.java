package com.chengshi.hotline.callbacks;

import com.chengshi.hotline.console.HotlineTime;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The callbacks worklist: promises oldest first, the caller's recording, and each status change with its note. */
@Controller
class CallbacksController {

    private final Callbacks callbacks;
    private final HotlineTime time;

    CallbacksController(Callbacks callbacks, HotlineTime time) {
        this.callbacks = callbacks;
        this.time = time;
    }

    @GetMapping("/callbacks")
    String worklist(Model model) {
        model.addAttribute("worklist", callbacks.worklist());
        model.addAttribute("kept", callbacks.recentlyKept(20));
        model.addAttribute("window", callbacks.promiseWindow());
        model.addAttribute("time", time);
        return "callbacks";
    }

    @GetMapping("/callbacks/{id}")
    String callback(@PathVariable long id, Model model) {
        Callbacks.Callback callback = found(id);
        model.addAttribute("callback", callback);
        model.addAttribute("playable", callbacks.recording(callback).isPresent());
        model.addAttribute("history", callbacks.history(id));
        model.addAttribute("statuses", CallbackStatus.SET_BY_TEAM);
        model.addAttribute("window", callbacks.promiseWindow());
        model.addAttribute("time", time);
        return "callback";
    }

    @PostMapping("/callbacks/{id}")
    String update(@PathVariable long id, @RequestParam CallbackStatus status,
                  @RequestParam(required = false) String note, @AuthenticationPrincipal UserDetails user,
                  RedirectAttributes redirect) {
        found(id);
        callbacks.update(id, status, note, user.getUsername());
        redirect.addFlashAttribute("message", "Callback " + id + ": " + status);
        return status.isOpen() ? "redirect:/callbacks/" + id : "redirect:/callbacks";
    }

    @GetMapping("/callbacks/{id}/recording.wav")
    ResponseEntity<Resource> recording(@PathVariable long id) {
        return callbacks.recording(found(id))
                .map(wav -> ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav"))
                        .<Resource>body(new FileSystemResource(wav)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "the recording of callback " + id + " is not readable on this host"));
    }

    private Callbacks.Callback found(long id) {
        return callbacks.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no callback " + id));
    }
}
