package com.chengshi.hotline;

import com.chengshi.hotline.linecheck.ClassifyCommand;
import com.chengshi.hotline.prompts.PromptsCommand;
import com.chengshi.hotline.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** The command-line tools that ship in the application jar, next to the server. */
@Command(name = "hotline", mixinStandardHelpOptions = true,
        description = "Hotline IVR tools. Without a command, the FastAGI server runs.",
        subcommands = {ClassifyCommand.class, PromptsCommand.class, SimulateCommand.class})
public final class HotlineCommands {

    /** A tool's name, or help and version (the README's own `--help`), rather than the server's {@code --settings}. */
    static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("--") || HELP_OR_VERSION.contains(args[0]));
    }

    private static final Set<String> HELP_OR_VERSION = Set.of("--help", "--version");

    static int run(String[] args) {
        return new CommandLine(new HotlineCommands()).execute(args);
    }
}
