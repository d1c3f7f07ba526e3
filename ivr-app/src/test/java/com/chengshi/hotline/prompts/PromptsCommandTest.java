package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.WavFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as an admin runs them: `prompts check` and `prompts render`, settings overridden like the server's. */
class PromptsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new PromptsCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void checkPassesTheProjectCatalogue() {
        int exit = run("check", "--hotline.prompts.catalogue=" + TestPrompts.projectCatalogue());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Prompt catalogue OK: 56 prompts");
    }

    @Test
    void checkFailsWithOneLinePerProblem() throws Exception {
        Path catalogue = Files.writeString(dir.resolve("catalogue.yml"),
                TestPrompts.yaml("  \"bad id\":\n    en-US: \"Say something, {who}!\"\n"));

        int exit = run("check", "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isEqualTo(PromptsCommand.BROKEN_CATALOGUE);
        assertThat(err.toString().lines()).containsExactly(
                catalogue + ": id 'bad id' is not a safe file name (letters, digits, '-' and '_' only)",
                catalogue + ": bad id [en-US]: unknown placeholder {who} (known: " + Placeholders.KNOWN + ")",
                catalogue + ": bad id [en-US]: forbidden phrase \"say something\" (客户服务禁语, phone-service standard)",
                "3 problem(s) in the prompt catalogue");
    }

    @Test
    void checkWarnsOfARecordingThatMatchesNoIdAndPasses() throws Exception {
        Path catalogue = Files.writeString(dir.resolve("catalogue.yml"), TestPrompts.yaml(""));
        Files.createDirectories(dir.resolve("zh-CN"));
        WavFiles.writeTelephone(new short[800], dir.resolve("zh-CN/goodbey.wav"));

        int exit = run("check", "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isZero();
        assertThat(err.toString().lines()).containsExactly("warning: " + dir.resolve("zh-CN/goodbey.wav")
                + ": no prompt with id 'goodbey' in the catalogue, so it is never played");
        assertThat(out.toString()).contains("Prompt catalogue OK");
    }

    @Test
    void renderSaysWhichPromptsHaveNoAudioAndHowToProvideThem() {
        int exit = run("render", "--hotline.prompts.catalogue=" + TestPrompts.projectCatalogue(),
                "--hotline.prompts.sound-dir=" + dir,
                "--hotline.prompts.voices.zh-CN.engine=command", "--hotline.prompts.voices.zh-CN.command=no-such-tts,{text}",
                "--hotline.prompts.voices.en-US.engine=command", "--hotline.prompts.voices.en-US.command=no-such-tts,{text}");

        assertThat(exit).isEqualTo(PromptsCommand.MISSING_AUDIO);
        assertThat(out.toString()).contains("0 rendered, 0 cached, 0 recorded, 100 missing");
        assertThat(err.toString()).contains("no audio for zh-CN/goodbye: no-such-tts is not installed"
                + " (not found on PATH); to provide it, install the engine, set hotline.prompts.voices.zh-CN");
    }

    @Test
    void checkReportsATextTheMandarinVoiceWouldReadAsEnglish() throws Exception {
        Path catalogue = Files.writeString(dir.resolve("catalogue.yml"), TestPrompts.yaml("")
                .replace("转人工服务请按0", "VIP客户转人工服务请按0"));

        int exit = run("check", "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isEqualTo(PromptsCommand.BROKEN_CATALOGUE);
        assertThat(err.toString().lines()).first().asString()
                .startsWith(catalogue + ": menu [zh-CN]: the voice reads \"VIP客户转人工服务请按0。\" partly as en \"(en)v")
                .endsWith("(Latin letters \"VIP\": translate them, e.g. 贵宾 for VIP, or record the prompt)");
    }

    @Test
    void checkReportsAMandarinTimeInDigits() throws Exception {
        Path catalogue = Files.writeString(dir.resolve("catalogue.yml"), TestPrompts.yaml("")
                .replace("每天早上八点到晚上八点", "每天8:00到20:00"));

        int exit = run("check", "--hotline.prompts.catalogue=" + catalogue);

        assertThat(exit).isEqualTo(PromptsCommand.BROKEN_CATALOGUE);
        assertThat(err.toString()).contains(catalogue + ": info-opening-hours [zh-CN]: \"8:00\" in digits may be read"
                + " as an amount or digit by digit; write it in words (八点, 二十四小时), or use {hotline} for the"
                + " hotline's number", "\"20:00\" in digits");
    }
}
