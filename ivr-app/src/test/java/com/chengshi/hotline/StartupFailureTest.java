package com.chengshi.hotline;

import com.chengshi.hotline.prompts.TestPrompts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that fails ends with Spring Boot's failure report naming the cause, not with a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @TempDir
    Path dir;

    /** Starts the app as `java -jar` does, on ports of its own, in English only (a cheaper voice check). */
    private void start(String... settings) {
        Map<String, String> args = new LinkedHashMap<>(Map.of("hotline.data-dir", dir.resolve("data").toString(),
                "hotline.agi.port", "0", "hotline.audiosocket.port", "0", "hotline.prompts.languages", "en-US",
                "hotline.prompts.default-language", "en-US",
                "hotline.prompts.catalogue", TestPrompts.projectCatalogue().toAbsolutePath().toString()));
        for (int i = 0; i < settings.length; i += 2) {
            args.put(settings[i], settings[i + 1]);
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(IvrApplication.class).web(WebApplicationType.NONE)
                .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
                .close()).isNotNull();
    }

    /** What the output ends with: Spring Boot's failure report, from its description on. */
    private static String reportAtTheEnd(CapturedOutput output) {
        String all = output.getAll().strip();
        assertThat(all).contains("APPLICATION FAILED TO START");
        return all.substring(all.lastIndexOf("Description:"));
    }

    private static void assertNoStackTrace(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void theFastAgiPortInUse(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start("hotline.agi.port", String.valueOf(taken.getLocalPort()));

            assertThat(reportAtTheEnd(output)).isEqualTo("Description:\n\nFastAGI server cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": Address already in use\n\nAction:\n\nStop the program that listens"
                    + " there (ss -ltnp 'sport = :" + taken.getLocalPort() + "' names it), or set"
                    + " hotline.agi.bind-address / hotline.agi.port; the dialplan names it in HOTLINE_AGI_NODES");
            assertNoStackTrace(output);
        }
    }

    @Test
    void theAudioSocketPortInUse(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start("hotline.audiosocket.port", String.valueOf(taken.getLocalPort()));

            assertThat(reportAtTheEnd(output)).startsWith("Description:\n\nAudioSocket server cannot listen on"
                    + " 127.0.0.1:" + taken.getLocalPort() + ": Address already in use\n\nAction:\n\n")
                    .endsWith("or set hotline.audiosocket.bind-address / hotline.audiosocket.port");
            assertNoStackTrace(output);
        }
    }

    @Test
    void aBrokenCatalogue(CapturedOutput output) throws IOException {
        Path broken = Files.writeString(dir.resolve("catalogue.yml"), "prompts:\n  sorry:\n    en-US: \"I can't.\"\n");

        start("hotline.prompts.catalogue", broken.toString());

        assertThat(reportAtTheEnd(output)).matches("(?s)Description:\n\nThe prompt catalogue is broken: "
                + Pattern.quote(broken.toString()) + ": \\S+: missing in en-US \\(the call flow plays it\\)"
                + " \\(and [0-9]+ more\\), and there is no last good copy to start on \\("
                + Pattern.quote(dir.resolve("data/prompts/last-good-catalogue.yml").toString())
                + "\\)\n\nAction:\n\nFix " + Pattern.quote(broken.toString())
                + " and start again; `prompts check` lists every problem");
        assertNoStackTrace(output);
    }

    /** H2 prints its own trace of the failure first (it cannot write its trace file either); the report ends it. */
    @Test
    void aDataDirTheAppCannotWrite(CapturedOutput output) throws IOException {
        Path aFile = Files.writeString(dir.resolve("not-a-dir"), "");

        start("hotline.data-dir", aFile.resolve("data").toString());

        assertThat(reportAtTheEnd(output)).isEqualTo("Description:\n\nCannot write " + aFile.resolve("data")
                + ": not a directory\n\nAction:\n\nThe call log and the prompt audio live under hotline.data-dir: let"
                + " user " + System.getProperty("user.name") + " write there, or start with --hotline.data-dir=DIR");
    }

    @Test
    void permissionDeniedSaysSo() {
        var buried = new BeanCreationException("flywayInitializer",
                new IllegalStateException(new AccessDeniedException("/srv/hotline/data")));

        assertThat(new StartupFailureAnalyzers.UnwritableFile().analyze(buried).getDescription())
                .isEqualTo("Cannot write /srv/hotline/data: permission denied");
    }

    @Test
    void aToolEndsWithABadSettingInOneLine(CapturedOutput output) {
        int exit = HotlineCommands.run(new String[]{"prompts", "check", "--hotline.prompts.reload-interval=soon"});

        assertThat(exit).isEqualTo(1);
        assertThat(output.getAll().strip().lines().toList()).last().isEqualTo("hotline prompts check failed:"
                + " bad setting hotline.prompts.reload-interval=soon: 'soon' is not a valid duration");
    }
}
