package com.chengshi.hotline;

import com.chengshi.hotline.console.UsersCommand;
import com.chengshi.hotline.dialplan.DialplanCommand;
import com.chengshi.hotline.linecheck.ClassifyCommand;
import com.chengshi.hotline.prompts.PromptsCommand;
import com.chengshi.hotline.simulate.SimulateCommand;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** The command-line tools that ship in the application jar, next to the server. */
@Command(name = "hotline", mixinStandardHelpOptions = true,
        description = "Hotline IVR tools. Without a command, the FastAGI server runs.",
        subcommands = {ClassifyCommand.class, DialplanCommand.class, PromptsCommand.class, SimulateCommand.class,
                UsersCommand.class})
public final class HotlineCommands {

    /** A tool's name, or help and version (the README's own `--help`), rather than the server's {@code --settings}. */
    static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("--") || HELP_OR_VERSION.contains(args[0]));
    }

    private static final Set<String> HELP_OR_VERSION = Set.of("--help", "--version");

    static int run(String[] args) {
        return new CommandLine(new HotlineCommands()).setExecutionExceptionHandler(HotlineCommands::failed)
                .execute(args);
    }

    /**
     * The settings a tool needs, bound from application.yml and {@code springArgs} (e.g.
     * {@code --hotline.prompts.catalogue=...}) like the server's: only those {@code configuration} enables, with no
     * database, web server or call handling.
     */
    public static ConfigurableApplicationContext settingsOnly(Class<?> configuration, List<String> springArgs) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false).run(springArgs.toArray(String[]::new));
    }

    /** A tool that fails ends with one line saying why; the stack trace only for a cause we have no words for. */
    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String cause = StartupFailureAnalyzers.oneLine(failure).orElseGet(() -> {
            failure.printStackTrace(err);
            return failure.toString();
        });
        err.println(command.getCommandSpec().qualifiedName() + " failed: " + cause);
        return command.getCommandSpec().exitCodeOnExecutionException();
    }
}
