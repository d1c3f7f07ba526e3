package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.WavFiles;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Asterisk runs as its own user; "nobody", on every Debian, stands in for it. */
class AsteriskAccessTest {

    private static final String OTHER_USER = "nobody";

    @TempDir
    Path dir;

    /** JUnit makes its folder for its owner only, as a private data dir would be. */
    @BeforeEach
    void openTheTestFolder() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aSoundDirOnlyItsOwnerMayReadIsReportedInOneLine() throws Exception {
        Path sounds = Files.createDirectory(dir.resolve("sounds"));
        Files.setPosixFilePermissions(sounds, PosixFilePermissions.fromString("rwx------"));

        assertThat(AsteriskAccess.problem(sounds, OTHER_USER)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("Asterisk's user 'nobody' cannot read " + sounds + " (")
                .contains("rwx------").contains("chmod o+rx " + sounds).doesNotContain("\n"));
    }

    @Test
    void aFolderAboveItThatCannotBeEnteredIsNamed() throws Exception {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Path sounds = Files.createDirectory(closed.resolve("sounds"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(AsteriskAccess.problem(sounds, OTHER_USER)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("Asterisk's user 'nobody' cannot enter " + closed));
    }

    @Test
    void whatTheAppMakesIsReadableByEveryone() throws Exception {
        Path file = WavFiles.newReadableFile(dir.resolve("sounds/zh-CN"), "greeting", ".wav");

        assertThat(AsteriskAccess.problem(dir.resolve("sounds/zh-CN"), OTHER_USER)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sounds"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void noSuchUserHereIsNothingToJudge() throws Exception {
        Path sounds = Files.createDirectory(dir.resolve("sounds"));
        Files.setPosixFilePermissions(sounds, PosixFilePermissions.fromString("rwx------"));

        assertThat(AsteriskAccess.problem(sounds, "no-such-asterisk-user")).isEmpty();
        assertThat(AsteriskAccess.problem(sounds, null)).isEmpty();
    }
}
