package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.prompts.TestPrompts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `dialplan check` as an admin runs it after editing /etc/asterisk/hotline, settings overridden like the server's. */
class DialplanCommandTest {

    @TempDir
    Path dir;

    private final Path catalogue = TestPrompts.projectCatalogue().toAbsolutePath().normalize();
    private final Path shipped = catalogue.resolveSibling("../dialplan").normalize();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new DialplanCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void theShippedDialplanPassesWithItsSettingsListed() {
        int exit = run("check", shipped.toString(), "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        Path file = shipped.resolve("extensions_hotline.conf");
        assertThat(out.toString().lines()).containsExactly(
                "HOTLINE_AGI_NODES=agi://127.0.0.1:4573  (" + file + ":16)",
                "HOTLINE_SEAT=7  (" + file + ":17)",
                "HOTLINE_LANG=zh-CN  (" + file + ":18)",
                "HOTLINE_QUEUE_WAIT=120  (" + file + ":19)",
                "Dialplan OK: " + shipped);
    }

    @Test
    void problemsAreOneLineEachAndExitOne() throws IOException {
        Path extensions = Files.writeString(dir.resolve("extensions_hotline.conf"),
                Files.readString(shipped.resolve("extensions_hotline.conf")).replace("HOTLINE_SEAT=7", "HOTLINE_SEAT=seven")
                        .replace("technical-difficulty", "technical-dificulty"));
        Files.copy(shipped.resolve("queues_hotline.conf"), dir.resolve("queues_hotline.conf"));
        Files.copy(shipped.resolve("musiconhold_hotline.conf"), dir.resolve("musiconhold_hotline.conf"));

        int exit = run("check", dir.toString(), "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isEqualTo(DialplanCommand.PROBLEMS);
        assertThat(err.toString().lines()).containsExactly(
                extensions + ":17: HOTLINE_SEAT is 'seven', not a seat number (1 to 9999): the app would greet with its"
                        + " default seat",
                extensions + ":44: plays hotline/zh-CN/technical-dificulty, but " + catalogue
                        + " has no prompt 'technical-dificulty' in zh-CN",
                extensions + ":44: plays hotline/en-US/technical-dificulty, but " + catalogue
                        + " has no prompt 'technical-dificulty' in en-US",
                "3 problem(s) in the dialplan");
        assertThat(out.toString()).contains("HOTLINE_SEAT=seven  (" + extensions + ":17)").doesNotContain("OK");
    }

    @Test
    void theScriptNameComesFromTheSettings() {
        int exit = run("check", shipped.toString(), "--hotline.prompts.catalogue=" + catalogue,
                "--hotline.agi.script=ivr");

        assertThat(exit).isEqualTo(DialplanCommand.PROBLEMS);
        assertThat(err.toString()).contains("asks for script 'hotline', but the app answers 'ivr' (hotline.agi.script)");
    }

    @Test
    void aDirectoryThatIsNotThereExitsTwo() {
        int exit = run("check", dir.resolve("hotline").toString());

        assertThat(exit).isEqualTo(DialplanCommand.CANNOT_RUN);
        assertThat(err.toString().lines()).containsExactly("dialplan check: " + dir.resolve("hotline")
                + " is not a directory (the hotline's Asterisk files, e.g. /etc/asterisk/hotline)");
    }

    @Test
    void withoutADirectoryItChecksDialplanInTheWorkingDir() {
        int exit = run("check", "--hotline.prompts.catalogue=" + catalogue);

        // Maven runs the tests in ivr-app/, which has no dialplan/; from the project root this is the shipped one.
        assertThat(Path.of("dialplan")).doesNotExist();
        assertThat(exit).isEqualTo(DialplanCommand.CANNOT_RUN);
        assertThat(err.toString()).startsWith("dialplan check: dialplan is not a directory");
    }

    @Test
    void twoDirectoriesAreAUsageError() {
        int exit = run("check", shipped.toString(), dir.toString());

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument");
    }
}
