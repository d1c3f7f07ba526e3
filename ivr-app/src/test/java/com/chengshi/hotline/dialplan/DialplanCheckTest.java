package com.chengshi.hotline.dialplan;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's dialplan with one thing broken: each breakage is its own problem line, and nothing else is. */
class DialplanCheckTest {

    private static final List<String> LANGUAGES = List.of("zh-CN", "en-US");

    @TempDir
    Path dir;
    private Path extensions;
    private Path queues;
    private final Path catalogue = Path.of(DialplanCheckTest.class.getResource("/").getPath())
            .resolve("../../../prompts/catalogue.yml").normalize();
    private final DialplanCheck check = new DialplanCheck(catalogue, LANGUAGES, "hotline", "hotline-callback",
            "hotline", "");

    @BeforeEach
    void copyOfTheProjectsDialplan() throws IOException {
        try (Stream<Path> files = Files.list(catalogue.resolveSibling("../dialplan").normalize())) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        extensions = dir.resolve("extensions_hotline.conf");
        queues = dir.resolve("queues_hotline.conf");
    }

    @Test
    void theCopyAsShippedHasNoProblemsAndItsGlobalsAreTheSettings() {
        DialplanCheck.Report report = check.check(dir);

        assertThat(report.problems()).isEmpty();
        assertThat(report.settings()).containsExactly(
                new DialplanCheck.Setting("HOTLINE_AGI_NODES", "agi://127.0.0.1:4573", extensions, 16),
                new DialplanCheck.Setting("HOTLINE_SEAT", "7", extensions, 17),
                new DialplanCheck.Setting("HOTLINE_LANG", "zh-CN", extensions, 18),
                new DialplanCheck.Setting("HOTLINE_QUEUE_WAIT", "120", extensions, 19));
    }

    @Test
    void aPromptTheCatalogueLacks() throws IOException {
        edit(queues, "hotline/en-US/queue-still-waiting", "hotline/en-US/queue-still-wating");

        assertThat(problems()).containsExactly(queues + ":28: plays hotline/en-US/queue-still-wating, but "
                + catalogue + " has no prompt 'queue-still-wating' in en-US");
    }

    @Test
    void aPromptPlayedInTheCallsLanguageIsCheckedInEveryLanguage() throws IOException {
        edit(extensions, "Playback(hotline/${HOTLINE_LANG}/goodbye)", "Playback(hotline/${HOTLINE_LANG}/good-bye)");

        assertThat(problems()).containsExactly(
                extensions + ":49: plays hotline/zh-CN/good-bye, but " + catalogue + " has no prompt 'good-bye' in zh-CN",
                extensions + ":49: plays hotline/en-US/good-bye, but " + catalogue + " has no prompt 'good-bye' in en-US");
    }

    @Test
    void anAgiUrlWithoutASeat() throws IOException {
        edit(extensions, "seat=${HOTLINE_SEAT}&", "");

        assertThat(problems()).containsExactly(extensions + ":28: AGI(${HOTLINE_NODE}"
                + "/hotline?lang=${HOTLINE_LANG}) names no seat (seat=${HOTLINE_SEAT}): every call would be greeted"
                + " with the app's default seat");
    }

    @Test
    void seatAndLanguageMayBeAgiArguments() throws IOException {
        edit(extensions, "/hotline?seat=${HOTLINE_SEAT}&lang=${HOTLINE_LANG})",
                "/hotline,seat=${HOTLINE_SEAT},lang=${HOTLINE_LANG})");

        assertThat(problems()).isEmpty();
    }

    @Test
    void aCallBackContextThatDoesNotPassTheDialersOptions() throws IOException {
        Path callback = dir.resolve("extensions_callback.conf");
        edit(callback, "/hotline-callback?${HOTLINE_CALLBACK})", "/hotline-callback?lang=zh-CN)");

        assertThat(problems()).containsExactly(callback + ":16: AGI(${HOTLINE_NODE}/hotline-callback?lang=zh-CN)"
                + " does not pass ${HOTLINE_CALLBACK} (hotline-callback?${HOTLINE_CALLBACK}): the app cannot tell"
                + " which callback request the call is for");
    }

    @Test
    void aWrongScriptName() throws IOException {
        edit(extensions, "/hotline?", "/hotlin?");

        assertThat(problems()).containsExactly(extensions + ":28: AGI(${HOTLINE_NODE}"
                + "/hotlin?seat=${HOTLINE_SEAT}&lang=${HOTLINE_LANG}) asks for script 'hotlin', but the app answers"
                + " 'hotline' (hotline.agi.script) and 'hotline-callback' (hotline.agi.callback-script)");
    }

    @Test
    void aNodeWithAPortOutOfRangeIsOneProblemAtTheGlobal() throws IOException {
        edit(extensions, "HOTLINE_AGI_NODES=agi://127.0.0.1:4573", "HOTLINE_AGI_NODES=agi://127.0.0.1:4573&agi://b:65536");

        assertThat(problems()).containsExactly(extensions + ":16: HOTLINE_AGI_NODES is 'agi://127.0.0.1:4573&agi://b:65536',"
                + " not a list of the app's nodes (agi://host:port&agi://host:port, or hagi://name): calls cannot reach"
                + " the app");
    }

    @Test
    void anOverrideOfTheOneNodeGlobalsIsNoLongerRead() throws IOException {
        Files.writeString(dir.resolve("extensions_local.conf"), "[globals]\nHOTLINE_AGI_PORT=4574\n");
        Files.writeString(dir.resolve("extensions.conf"), "#include extensions_hotline.conf\n#include extensions_local.conf\n");

        assertThat(problems()).containsExactly(dir.resolve("extensions_local.conf") + ":2: HOTLINE_AGI_PORT is '4574',"
                + " no longer read: the dialplan calls the nodes in HOTLINE_AGI_NODES (agi://host:port&...)");
    }

    @Test
    void everyNodeListedIsCheckedAndSrvNamesAreNodesToo() throws IOException {
        edit(extensions, "HOTLINE_AGI_NODES=agi://127.0.0.1:4573", "HOTLINE_AGI_NODES=agi://a:4573&hagi://hotline.example");
        assertThat(problems()).isEmpty();

        edit(extensions, "/hotline?", "/hotlin?");
        assertThat(problems()).hasSize(1).first().asString().contains("asks for script 'hotlin'");
    }

    @Test
    void aLanguageGlobalThePromptsLack() throws IOException {
        edit(extensions, "HOTLINE_LANG=zh-CN", "HOTLINE_LANG=zh");

        assertThat(problems()).containsExactly(extensions + ":18: HOTLINE_LANG is 'zh', not one of the prompts'"
                + " languages [zh-CN, en-US] (hotline.prompts.languages)");
    }

    @Test
    void theFallbackRemoved() throws IOException {
        String shipped = Files.readString(extensions, StandardCharsets.UTF_8);
        edit(extensions, shipped.substring(shipped.indexOf(" ; The app sets HOTLINE_OUTCOME"),
                shipped.indexOf(" same => n(served),Hangup()\n")), "");

        assertThat(problems()).containsExactly(extensions + ":28: AGI(${HOTLINE_NODE}"
                + "/hotline?seat=${HOTLINE_SEAT}&lang=${HOTLINE_LANG}) is not followed by the fallback: when the app"
                + " cannot be reached or fails, the caller would be hung up on; add same => n,GotoIf($[\"${HOTLINE_OUTCOME}\""
                + " = \"\" | \"${HOTLINE_OUTCOME}\" = \"APP_ERROR\"]?app-unavailable,1)");
    }

    @Test
    void aFallbackThatMissesTheFailedApp() throws IOException {
        edit(extensions, " & \"${HOTLINE_OUTCOME}\" != \"APP_ERROR\"", "");

        assertThat(problems()).containsExactly(extensions + ":31: the fallback misses the app that failed"
                + " (HOTLINE_OUTCOME = APP_ERROR)");
    }

    @Test
    void aFallbackToAnExtensionThatIsNotThere() throws IOException {
        edit(extensions, "exten => app-unavailable,1,", "exten => app-down,1,");

        assertThat(problems()).containsExactlyInAnyOrder(
                extensions + ":35: the fallback goes to app-unavailable,1, which is not in [hotline]",
                dir.resolve("extensions_callback.conf") + ":22: the fallback goes to hotline,app-unavailable,1, which"
                        + " is not in [hotline]");
    }

    @Test
    void aQueueThatIsNotConfigured() throws IOException {
        edit(queues, "[hotline-en-US](hotline-agents)", "[hotline-en](hotline-agents)");

        assertThat(problems()).containsExactly(
                extensions + ":45: joins queue 'hotline-en-US', which no queues*.conf here defines");
    }

    @Test
    void aFileThatCannotBeReadIsAProblemAndTheRestIsStillChecked() throws IOException {
        Files.createSymbolicLink(dir.resolve("extensions_local.conf"), dir.resolve("moved-away.conf"));
        edit(extensions, "HOTLINE_AGI_NODES=agi://127.0.0.1:4573", "HOTLINE_AGI_NODES=agi://127.0.0.1:port");

        assertThat(problems()).containsExactly(
                extensions + ":16: HOTLINE_AGI_NODES is 'agi://127.0.0.1:port', not a list of the app's nodes"
                        + " (agi://host:port&agi://host:port, or hagi://name): calls cannot reach the app",
                dir.resolve("extensions_local.conf") + ": cannot read it: no such file (a link to a file gone)");
    }

    @Test
    void anIncludeOfAMissingFile() throws IOException {
        edit(extensions, "[hotline]\n", "[hotline]\n#include \"hotline/extensions_local.conf\"\n");

        assertThat(problems()).containsExactly(extensions + ":22: #include hotline/extensions_local.conf: no such file"
                + " (looked for " + dir.resolve("hotline/extensions_local.conf") + " and "
                + dir.getParent().resolve("hotline/extensions_local.conf") + ")");
    }

    @Test
    void commentsAndIncludedFilesAreReadAsAsteriskReadsThem() throws IOException {
        Files.writeString(dir.resolve("extensions_local.conf"), """
                [globals]
                HOTLINE_SEAT=0 ; overrides the shipped seat, as the README says
                [phones]
                ;exten => 1,1,Playback(hotline/zh-CN/no-such-prompt)
                ;-- a block comment
                exten => 2,1,Playback(hotline/zh-CN/no-such-prompt)
                --;
                exten => 3,1,Playback(hotline/zh-CN/goodbye\\;x)
                """);
        Files.move(extensions, dir.resolve("extensions_shipped.conf"));
        Files.writeString(dir.resolve("extensions.conf"),
                "#include extensions_shipped.conf\n#include extensions_local.conf\n");

        assertThat(problems()).containsExactly(
                dir.resolve("extensions_local.conf") + ":2: HOTLINE_SEAT is '0', not a seat number (1 to 9999): the"
                        + " app would greet with its default seat",
                dir.resolve("extensions_local.conf") + ":8: plays 'hotline/zh-CN/goodbye;x', which is not a prompt of"
                        + " the catalogue (hotline/<language>/<prompt id>)");
    }

    @Test
    void aLineAsteriskWouldNotMakeOutIsAProblemNotACrash() throws IOException {
        edit(extensions, " same => n(served),Hangup()\n", " same => n(served,Hangup()\nexten => 101,1\n");

        assertThat(problems()).containsExactly(
                extensions + ":39: not an extension line: same => <priority>,<application>(<arguments>)",
                extensions + ":40: not an extension line: exten => <extension>,<priority>,<application>(<arguments>)");
    }

    @Test
    void aMusicClassThatDoesNotPlayWhatTheAppWrites() throws IOException {
        Path music = dir.resolve("musiconhold_hotline.conf");
        edit(music, "directory = sounds/hotline/moh", "directory = moh");

        assertThat(problems()).containsExactly(music + ":12: music class 'hotline' plays directory 'moh', but the app"
                + " writes its hold music to <sound dir>/moh, which Asterisk sees as sounds/hotline/moh");
    }

    @Test
    void aCatalogueThatCannotBeRead() {
        Path missing = dir.resolve("no-catalogue.yml");
        DialplanCheck.Report report = new DialplanCheck(missing, LANGUAGES, "hotline", "hotline-callback", "hotline",
                "").check(dir);

        assertThat(report.problems()).map(String::valueOf).containsExactly(missing + ": cannot read the prompt"
                + " catalogue (no such file), so the prompts the dialplan plays are not checked");
    }

    @Test
    void aDirectoryWithoutADialplan() throws IOException {
        Files.delete(extensions);
        Files.delete(dir.resolve("extensions_callback.conf"));

        assertThat(problems()).containsExactly(dir + ": no extensions*.conf here, so no dialplan to check");
    }

    private List<String> problems() {
        return check.check(dir).problems().stream().map(String::valueOf).toList();
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as(file + " as shipped").contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
