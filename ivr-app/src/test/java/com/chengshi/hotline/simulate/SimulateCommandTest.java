package com.chengshi.hotline.simulate;

import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.linecheck.Corpus;
import com.chengshi.hotline.prompts.TestPrompts;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole hotline on recorded callers from the corpus: the real classifier, real prompts, the real call log. */
class SimulateCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private int simulate(String clip, String... options) {
        String[] args = new String[options.length + 7];
        args[0] = Corpus.directory().resolve(clip).toString();
        args[1] = "--heard=" + dataDir.resolve("heard.wav");
        args[2] = "--set=hotline.data-dir=" + dataDir;
        args[3] = "--set=hotline.prompts.catalogue=" + TestPrompts.projectCatalogue().toAbsolutePath();
        args[4] = "--lang=en-US";
        args[5] = "--set=hotline.prompts.languages=en-US";
        args[6] = "--call-log";
        System.arraycopy(options, 0, args, 7, options.length);
        return new CommandLine(new SimulateCommand(new PrintStream(transcript, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    private String transcript() {
        return transcript.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Object> loggedCall() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dataDir.resolve("calllog"));
        dataSource.setUser("sa");
        return JdbcClient.create(dataSource).sql("select * from hotline_call").query().singleRow();
    }

    @Test
    void clearCallerIsHeardServedAndHangsUpFirst() throws Exception {
        int exit = simulate("clear-001.wav", "--seat=7", "--press=menu=1",
                "--set=hotline.flow.hangup-grace=60s", "--hang-up-after=80");

        assertThat(exit).isZero();
        assertThat(transcript()).contains("plays greeting", "agent number 7", "hears CLEAR", "plays menu",
                "caller keys 1", "plays note-this-down", "plays info-opening-hours", "plays hear-it-again",
                "plays anything-else", "plays goodbye",
                "call ended: COMPLETED, hung up by CALLER");
        assertThat(loggedCall()).containsEntry("OUTCOME", "COMPLETED").containsEntry("HUNG_UP_BY", "CALLER")
                .containsEntry("VERDICT", "CLEAR").containsEntry("SEAT", 7);
        short[] heard = WavFiles.readTelephone(dataDir.resolve("heard.wav"));
        assertThat(heard.length).isGreaterThan(10 * TelephoneFormat.SAMPLE_RATE);
    }

    @Test
    void silentCallerIsAskedTwiceMoreToldGoodbyeAndHungUpOn() {
        int exit = simulate("silent-000.wav");

        assertThat(exit).isZero();
        assertThat(transcript()).containsSubsequence("hears SILENT", "plays silent-ask-again", "hears SILENT",
                "plays silent-ask-again", "hears SILENT", "plays silent-goodbye", "hears SILENT",
                "call ended: SILENT_LINE, hung up by HOTLINE");
        assertThat(loggedCall()).containsEntry("OUTCOME", "SILENT_LINE").containsEntry("SILENT_RETRIES", 2);
    }

    @Test
    void byDefaultATrialCallStaysOutOfTheHotlinesCallLogAndTheWorkingTree() {
        Path heard = dataDir.resolve("elsewhere.wav");
        int exit = new CommandLine(new SimulateCommand(new PrintStream(transcript, true, StandardCharsets.UTF_8)))
                .execute(Corpus.directory().resolve("silent-000.wav").toString(), "--heard=" + heard,
                        "--set=hotline.data-dir=" + dataDir,
                        "--set=hotline.prompts.catalogue=" + TestPrompts.projectCatalogue().toAbsolutePath(),
                        "--lang=en-US", "--set=hotline.prompts.languages=en-US");

        assertThat(exit).isZero();
        assertThat(transcript()).contains("in a temporary call log (--call-log keeps it)");
        assertThat(heard).isRegularFile();
        assertThat(dataDir.resolve("calllog.mv.db")).doesNotExist();
        assertThat(new CommandLine(new SimulateCommand()).getCommandSpec().findOption("--heard").defaultValue())
                .isEqualTo(System.getProperty("java.io.tmpdir") + "/hotline-heard.wav");
    }

    @Test
    void unreadableRecordingIsRefusedClearly() {
        int exit = simulate("labels.csv");

        assertThat(exit).isNotZero();
    }
}
