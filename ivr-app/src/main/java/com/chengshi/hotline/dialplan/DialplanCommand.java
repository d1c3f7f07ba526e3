package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.HotlineCommands;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.prompts.PromptsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dialplan check [DIR]}, run from the project root, or on an Asterisk's {@code /etc/asterisk/hotline} after
 * editing it and before {@code dialplan reload}. The catalogue, languages and script name come from application.yml
 * like the server's, and can be overridden the same way ({@code --hotline.prompts.catalogue=...}).
 */
@Command(name = "dialplan", mixinStandardHelpOptions = true,
        description = "Check the hotline's Asterisk files.", subcommands = DialplanCommand.Check.class)
public final class DialplanCommand {

    static final int PROBLEMS = 1;
    static final int CANNOT_RUN = 2;

    /** Only the settings are bound: no database, no web server, no watcher. */
    @EnableConfigurationProperties({PromptsProperties.class, AgiProperties.class, FlowProperties.class})
    static class SettingsOnly {
    }

    @Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnExecutionException = CANNOT_RUN,
            description = "Prints the dialplan's globals, then fails with one line per problem (file:line: message):"
                    + " a prompt played that the catalogue lacks in a language, an AGI URL that does not reach the"
                    + " hotline script with a seat and a language, no fallback when the app cannot be reached or fails,"
                    + " a queue or music class not configured, a global out of range. Exit 1: problems; exit 2: the"
                    + " directory cannot be read.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "The Asterisk files (default: ${DEFAULT-VALUE}).")
        Path dir = DialplanCheck.DEFAULT_DIR;
        /** Settings as the server takes them ({@code --hotline.agi.script=...}). */
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            springArgs.stream().filter(arg -> !arg.startsWith("--")).findFirst().ifPresent(arg -> {
                throw new ParameterException(spec.commandLine(), "Unmatched argument: " + arg + " (one DIR only)");
            });
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
                err.println(spec.qualifiedName() + ": " + dir + (Files.isDirectory(dir) ? " cannot be read"
                        : " is not a directory") + " (the hotline's Asterisk files, e.g. /etc/asterisk/hotline)");
                return CANNOT_RUN;
            }
            DialplanCheck.Report report;
            try (ConfigurableApplicationContext context = HotlineCommands.settingsOnly(SettingsOnly.class, springArgs)) {
                report = new DialplanCheck(context.getBean(PromptsProperties.class), context.getBean(AgiProperties.class),
                        context.getBean(FlowProperties.class)).check(dir);
            }
            report.settings().forEach(s -> out.println(s.name() + "=" + s.value() + "  (" + s.file() + ":" + s.line()
                    + ")"));
            report.problems().forEach(err::println);
            if (report.ok()) {
                out.println("Dialplan OK: " + dir);
                return 0;
            }
            err.println(report.problems().size() + " problem(s) in the dialplan");
            return PROBLEMS;
        }
    }
}
