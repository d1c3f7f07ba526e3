package com.chengshi.hotline.console;

import com.chengshi.hotline.HotlineCommands;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code users add NAME --role ROLE --password-stdin}, {@code users list}, {@code users remove NAME}: who may log in to
 * the console. They change {@code hotline.console.users-file} and take effect at the next login, hotline running or
 * not. A password is never an argument (it would stay in the shell's history and in {@code ps}).
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Who may log in to the console.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
public final class UsersCommand {

    /** Only the settings: no database, no web server. */
    @EnableConfigurationProperties(ConsoleProperties.class)
    static class SettingsOnly {
    }

    static <T> T withUsers(List<String> springArgs, Function<ConsoleUsers, T> action) {
        try (ConfigurableApplicationContext context = HotlineCommands.settingsOnly(SettingsOnly.class, springArgs)) {
            return action.apply(new ConsoleUsers(context.getBean(ConsoleProperties.class).usersFile()));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user, or gives an existing one a new role and password (read from standard input).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "the user's name")
        String name;
        @Option(names = "--role", required = true, description = "ADMIN, SUPERVISOR or AGENT")
        ConsoleUsers.Role role;
        @Option(names = "--password-stdin", required = true, description = "read the password from standard input")
        boolean passwordStdin;
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isBlank()) {
                spec.commandLine().getErr().println("users add: no password on standard input");
                return 2;
            }
            return withUsers(springArgs, users -> {
                try {
                    users.put(name, role, password);
                } catch (IllegalArgumentException refused) {
                    spec.commandLine().getErr().println("users add: " + refused.getMessage());
                    return 2;
                }
                spec.commandLine().getOut().println("User " + name + " (" + role + ") can log in to the console");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            return withUsers(springArgs, users -> {
                users.all().forEach(u -> spec.commandLine().getOut().println(u.name() + " " + u.role()));
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "the user's name")
        String name;
        @Unmatched
        List<String> springArgs = new ArrayList<>();

        @Override
        public Integer call() {
            return withUsers(springArgs, users -> {
                if (!users.remove(name)) {
                    spec.commandLine().getErr().println("users remove: no user " + name);
                    return 1;
                }
                spec.commandLine().getOut().println("User " + name + " removed");
                return 0;
            });
        }
    }
}
