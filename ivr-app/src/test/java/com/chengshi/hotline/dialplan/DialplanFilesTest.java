package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.HotlineCommands;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.prompts.PromptsProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Asterisk files admins copy (dialplan/) and the docker stack uses (docker/asterisk/), checked with the shipped
 * settings as `dialplan check` checks them: Asterisk would only find out on a live call, by playing nothing or by
 * failing the AGI.
 */
class DialplanFilesTest {

    private static final Path ROOT = projectRoot();
    private static DialplanCheck check;

    @BeforeAll
    static void shippedSettings() {
        try (ConfigurableApplicationContext settings = HotlineCommands.settingsOnly(DialplanCommand.SettingsOnly.class,
                List.of("--hotline.prompts.catalogue=" + ROOT.resolve("prompts/catalogue.yml")))) {
            check = new DialplanCheck(settings.getBean(PromptsProperties.class), settings.getBean(AgiProperties.class),
                    settings.getBean(FlowProperties.class));
        }
    }

    @Test
    void theDialplanAdminsCopyHasNoProblems() {
        DialplanCheck.Report report = check.check(ROOT.resolve("dialplan"));

        assertThat(report.problems()).isEmpty();
        assertThat(report.settings()).extracting(DialplanCheck.Setting::name).contains("HOTLINE_AGI_NODES",
                "HOTLINE_SEAT", "HOTLINE_LANG", "HOTLINE_QUEUE_WAIT");
    }

    /** As docker/compose.yaml mounts them: docker/asterisk's files in /etc/asterisk, and dialplan/ as its hotline/. */
    @Test
    void theDockerStacksAsteriskFilesHaveNoProblems(@TempDir Path etcAsterisk) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docker/asterisk"))) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(etcAsterisk.resolve(file.getFileName()), file);
            }
        }
        Files.createSymbolicLink(etcAsterisk.resolve("hotline"), ROOT.resolve("dialplan"));

        DialplanCheck.Report report = check.check(etcAsterisk);

        assertThat(report.problems()).isEmpty();
        // The stack lists two nodes (the end-to-end tests' second app on 4574) over the shipped one.
        assertThat(report.settings()).filteredOn(setting -> setting.name().equals("HOTLINE_AGI_NODES"))
                .singleElement().satisfies(nodes -> {
                    assertThat(nodes.value()).isEqualTo("agi://127.0.0.1:4573&agi://127.0.0.1:4574");
                    assertThat(nodes.file()).isEqualTo(etcAsterisk.resolve("extensions.conf"));
                });
        assertThat(report.settings()).filteredOn(setting -> !setting.name().equals("HOTLINE_AGI_NODES"))
                .extracting(DialplanCheck.Setting::file)
                .allMatch(file -> file.equals(etcAsterisk.resolve("hotline/extensions_hotline.conf")));
    }

    /** The project root, from the project root or from the module directory Maven runs tests in. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dialplan/extensions_hotline.conf"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no dialplan/extensions_hotline.conf above " + Path.of("").toAbsolutePath());
    }
}
