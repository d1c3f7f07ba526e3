package com.chengshi.hotline.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code users add / list / remove} as an admin types them on the hotline's host. */
class UsersCommandTest {

    @TempDir
    Path dataDir;

    record Result(int exit, String out, String err) {
    }

    /** {@code users ARGS} with {@code stdin} typed in, the users file in the test's data dir. */
    private Result users(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new UsersCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        InputStream typed = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = command.execute(Stream.concat(Arrays.stream(args).skip(1),
                    Stream.of("--hotline.data-dir=" + dataDir)).toArray(String[]::new));
            return new Result(exit, out.toString(), err.toString());
        } finally {
            System.setIn(typed);
        }
    }

    @Test
    void anAddedUserIsListedWithTheirRoleAndAHashNotTheirPassword() throws Exception {
        Result added = users("s3cret-pass\n", "users", "add", "chen", "--role", "SUPERVISOR",
                "--password-stdin");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("User chen (SUPERVISOR) can log in to the console");
        assertThat(users("", "users", "list").out()).isEqualTo("chen SUPERVISOR\n");
        ConsoleUsers file = new ConsoleUsers(dataDir.resolve("console-users"));
        assertThat(file.encoder().matches("s3cret-pass", file.find("chen").orElseThrow().passwordHash())).isTrue();
        assertThat(Files.readString(dataDir.resolve("console-users"))).doesNotContain("s3cret-pass");
    }

    @Test
    void addingAgainChangesTheRoleAndPassword() {
        users("first-pass\n", "users", "add", "lin", "--role", "AGENT", "--password-stdin");
        users("second-pass\n", "users", "add", "lin", "--role", "ADMIN", "--password-stdin");
        assertThat(users("", "users", "list").out()).isEqualTo("lin ADMIN\n");
    }

    @Test
    void aShortPasswordAnUnknownRoleAndNoPasswordAreRefused() {
        Result shortOne = users("short\n", "users", "add", "chen", "--role", "AGENT",
                "--password-stdin");
        assertThat(shortOne.exit()).isEqualTo(2);
        assertThat(shortOne.err()).contains("a password has at least 8 characters");
        assertThat(users("long-enough\n", "users", "add", "chen", "--role", "ROOT", "--password-stdin").exit())
                .isEqualTo(2);
        Result none = users("", "users", "add", "chen", "--role", "AGENT", "--password-stdin");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no password on standard input");
        assertThat(users("", "users", "list").out()).isEmpty();
    }

    @Test
    void aRemovedUserIsGoneAndRemovingAStrangerSaysSo() {
        users("long-enough\n", "users", "add", "chen", "--role", "AGENT", "--password-stdin");
        assertThat(users("", "users", "remove", "chen").exit()).isZero();
        assertThat(users("", "users", "list").out()).isEmpty();
        Result stranger = users("", "users", "remove", "nobody");
        assertThat(stranger.exit()).isEqualTo(1);
        assertThat(stranger.err()).contains("no user nobody");
    }
}
