package com.chengshi.hotline.prompts;

import com.chengshi.hotline.console.HotlineTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The console's Prompts page (admins): every text with its check problems and audio; edit, record, revert. */
@Controller
class PromptsController {

    /** A change refused, shown beside its prompt with the text the admin tried. */
    record Refusal(String anchor, String text, List<String> reasons) {
    }

    private static final int LATEST = 30;

    private final PromptEdits edits;
    private final HotlineTime time;
    private final String maxFileSize;

    PromptsController(PromptEdits edits, HotlineTime time,
                      @Value("${spring.servlet.multipart.max-file-size:1MB}") String maxFileSize) {
        this.edits = edits;
        this.time = time;
        this.maxFileSize = maxFileSize;
    }

    @GetMapping("/prompts")
    String prompts(Model model) {
        model.addAttribute("page", edits.page());
        model.addAttribute("latest", edits.latest(LATEST));
        model.addAttribute("converter", edits.converter());
        model.addAttribute("maxFileSize", maxFileSize);
        model.addAttribute("time", time);
        return "prompts";
    }

    @GetMapping("/prompts/{id}/{language}/audio.wav")
    ResponseEntity<?> audio(@PathVariable String id, @PathVariable String language) {
        PromptEdits.Audio audio = edits.audio(id, language);
        return audio.file().<ResponseEntity<?>>map(wav -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("audio/wav")).body(new FileSystemResource(wav)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                        .body(audio.missing()));
    }

    @PostMapping("/prompts/{id}/{language}/text")
    String edit(@PathVariable String id, @PathVariable String language, @RequestParam String text,
                @AuthenticationPrincipal UserDetails user, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("message", edits.edit(id, language, text, user.getUsername()));
        } catch (PromptEdits.RefusedException e) {
            redirect.addFlashAttribute("refused", new Refusal(id + "-" + language, text, e.reasons()));
        }
        return "redirect:/prompts#" + id + "-" + language;
    }

    @PostMapping("/prompts/{id}/{language}/recording")
    String record(@PathVariable String id, @PathVariable String language, @RequestParam MultipartFile file,
                  @AuthenticationPrincipal UserDetails user, RedirectAttributes redirect) throws IOException {
        try (InputStream content = file.getInputStream()) {
            redirect.addFlashAttribute("message", edits.record(id, language, content, file.getOriginalFilename(),
                    user.getUsername()));
        } catch (PromptEdits.RefusedException e) {
            redirect.addFlashAttribute("refused", new Refusal(id + "-" + language, null, e.reasons()));
        }
        return "redirect:/prompts#" + id + "-" + language;
    }

    @PostMapping("/prompts/{id}/{language}/synthetic")
    String backToSynthetic(@PathVariable String id, @PathVariable String language,
                           @AuthenticationPrincipal UserDetails user, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("message", edits.backToSynthetic(id, language, user.getUsername()));
        } catch (PromptEdits.RefusedException e) {
            redirect.addFlashAttribute("refused", new Refusal(id + "-" + language, null, e.reasons()));
        }
        return "redirect:/prompts#" + id + "-" + language;
    }
}
