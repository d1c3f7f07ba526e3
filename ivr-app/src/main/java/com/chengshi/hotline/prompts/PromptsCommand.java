package com.chengshi.hotline.prompts;

import com.chengshi.hotline.HotlineCommands;
import com.chengshi.hotline.flow.FlowPrompts;
import com.chengshi.hotline.flow.FlowProperties;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * {@code prompts check} and {@code prompts render}, run from the project root. Settings come from application.yml
 * like the server's, and can be overridden the same way, e.g. {@code --hotline.prompts.sound-dir=/var/lib/asterisk/sounds/hotline}.
 */
@Command(name = "prompts", mixinStandardHelpOptions = true,
        description = "Check the prompt catalogue, or render its audio for Asterisk.",
        subcommands = {PromptsCommand.Check.class, PromptsCommand.Render.class})
public final class PromptsCommand {

    static final int BROKEN_CATALOGUE = 1;
    static final int MISSING_AUDIO = 2;

    /** Only the settings are bound: no database, no web server, no watcher. */
    @EnableConfigurationProperties({PromptsProperties.class, FlowProperties.class})
    static class SettingsOnly {
    }

    /** Runs {@code action} with the prompts' settings and what the configured flow needs of the catalogue. */
    static <T> T withSettings(List<String> springArgs, BiFunction<PromptsProperties, FlowPrompts, T> action) {
        try (ConfigurableApplicationContext context = HotlineCommands.settingsOnly(SettingsOnly.class, springArgs)) {
            return action.apply(context.getBean(PromptsProperties.class),
                    FlowPrompts.of(context.getBean(FlowProperties.class)));
        }
    }

    /** Prints each problem, and each stray recording as a warning, on its own line to stderr; true when no problems. */
    static boolean report(CatalogueCheck.Result result, PrintWriter out, PrintWriter err) {
        result.problems().forEach(err::println);
        result.strayRecordings().forEach(stray -> err.println("warning: " + stray));
        if (result.ok()) {
            out.println("Prompt catalogue OK: " + result.catalogue().ids().size() + " prompts");
        } else {
            err.println(result.problems().size() + " problem(s) in the prompt catalogue");
        }
        return result.ok();
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Fails with one line per problem: a prompt the flow plays missing in a language, an unknown"
                    + " placeholder, a forbidden phrase, an unsafe id, a recording in the wrong format. A recording"
                    + " that matches no prompt id is a warning line.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            return withSettings(springArgs, (properties, flow) -> {
                CatalogueCheck.Result result = CatalogueCheck.from(properties, flow,
                        SpeechEngines.from(properties.prompts())).check(properties.prompts().catalogue());
                return report(result, spec.commandLine().getOut(), spec.commandLine().getErr()) ? 0 : BROKEN_CATALOGUE;
            });
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Renders every prompt in every language into the sound dir; unchanged prompts come from"
                    + " the cache. Exit 1: broken catalogue; exit 2: some prompts have no audio (listed, with how to"
                    + " provide it).")
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--seat", description = "Also render the {seat} prompts for this seat (repeatable).")
        List<Integer> seats = new ArrayList<>();
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return withSettings(springArgs, (properties, flow) -> {
                PromptRenderer renderer = PromptRenderer.from(properties);
                CatalogueCheck.Result checked = CatalogueCheck.from(properties, flow, renderer.engines())
                        .check(properties.prompts().catalogue());
                if (!report(checked, out, err)) {
                    return BROKEN_CATALOGUE;
                }
                PromptLibrary library = new PromptLibrary(properties, flow, renderer, checked);
                library.addSeats(seats);
                List<PromptRenderer.Job> jobs = library.jobs();
                PromptLibrary.RenderSummary summary;
                long start = System.nanoTime();
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Rendering").setInitialMax(jobs.size())
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .build()) {
                    summary = library.render(jobs, outcome -> bar.step());
                }
                System.err.println();
                out.printf("%d rendered, %d cached, %d recorded, %d missing, in %s (%.1f s)%n",
                        summary.count(PromptRenderer.Kind.RENDERED), summary.count(PromptRenderer.Kind.CACHED),
                        summary.count(PromptRenderer.Kind.RECORDED), summary.count(PromptRenderer.Kind.MISSING),
                        properties.prompts().soundDir().toAbsolutePath(), (System.nanoTime() - start) / 1e9);
                summary.missing().forEach((prompt, reason) -> err.println("no audio for " + prompt + ": " + reason));
                return summary.missing().isEmpty() ? 0 : MISSING_AUDIO;
            });
        }
    }
}
