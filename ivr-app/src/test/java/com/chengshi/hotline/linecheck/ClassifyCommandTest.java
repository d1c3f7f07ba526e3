package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.HotlineCommands;
import com.chengshi.hotline.audio.TestWavs;
import com.chengshi.hotline.audio.WavFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import java.util.List;

import static com.chengshi.hotline.linecheck.Signals.mixedAt;
import static com.chengshi.hotline.linecheck.Signals.pcm;
import static com.chengshi.hotline.linecheck.Signals.silence;
import static com.chengshi.hotline.linecheck.Signals.speechLike;
import static com.chengshi.hotline.linecheck.Signals.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;

class ClassifyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsOneJsonLinePerFile() throws Exception {
        Path clear = dir.resolve("clear.wav");
        WavFiles.writeTelephone(pcm(mixedAt(whiteNoise(4, -66, 1), speechLike(2.5, -22, 2), 0.6)), clear);
        Path silent = dir.resolve("silent.wav");
        WavFiles.writeTelephone(pcm(silence(4)), silent);

        int exitCode = classify(clear.toString(), silent.toString());

        assertThat(exitCode).isZero();
        assertThat(err.toString()).isEmpty();
        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.propertyNames()).containsExactly("file", "verdict", "speechLevelDbfs", "noiseFloorDbfs",
                "snrDb", "decisionMs");
        assertThat(first.get("file").asString()).isEqualTo(clear.toString());
        assertThat(first.get("verdict").asString()).isEqualTo("CLEAR");
        assertThat(first.get("speechLevelDbfs").asDouble()).isBetween(-25.0, -19.0);
        assertThat(first.get("decisionMs").asLong()).isBetween(600L, 1600L);
        assertThat(lines.get(1).get("verdict").asString()).isEqualTo("SILENT");
        assertThat(lines.get(1).get("noiseFloorDbfs").asDouble()).isEqualTo(-120.0);
    }

    @Test
    void reportsABadFileOnItsOwnLineAndCarriesOnButFailsTheRun() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "this is not a recording");
        Path good = dir.resolve("good.wav");
        WavFiles.writeTelephone(pcm(silence(2)), good);

        int exitCode = classify(bad.toString(), good.toString());

        assertThat(exitCode).isNotZero();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith(bad.toString() + ": ")
                .contains("not a WAV file");
        assertThat(jsonLines()).singleElement()
                .satisfies(line -> assertThat(line.get("file").asString()).isEqualTo(good.toString()));
    }

    @Test
    void saysWhenARecordingIsConvertedToPhoneAudio() throws Exception {
        Path stereo = TestWavs.write(dir.resolve("stereo.wav"), new AudioFormat(16000, 16, 2, true, false),
                TestWavs.littleEndian(pcm(silence(2 * 2)), 2));

        int exitCode = classify(stereo.toString());

        assertThat(exitCode).isZero();
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo(stereo + ": note: converted from PCM_SIGNED 16000 Hz 16-bit 2 channels to 16-bit 8 kHz"
                        + " mono");
        assertThat(jsonLines()).hasSize(1);
    }

    @Test
    void scoresTheVerdictsAgainstALabelsFile() throws Exception {
        WavFiles.writeTelephone(pcm(mixedAt(whiteNoise(4, -66, 3), speechLike(2.5, -22, 4), 0.5)),
                dir.resolve("a.wav"));
        WavFiles.writeTelephone(pcm(silence(3)), dir.resolve("b.wav"));
        WavFiles.writeTelephone(pcm(whiteNoise(3, -20, 5)), dir.resolve("c.wav"));
        Path labels = Files.writeString(dir.resolve("labels.csv"), """
                file,label,speech_onset_s
                a.wav,CLEAR,0.5
                b.wav,SILENT,
                c.wav,QUIET,
                """);

        int exitCode = classify("--labels", labels.toString(), dir.resolve("a.wav").toString(),
                dir.resolve("b.wav").toString(), dir.resolve("c.wav").toString());

        assertThat(exitCode).isZero();
        String report = out.toString();
        assertThat(report).contains("accuracy 66.7 % (3 clips)");
        assertThat(report).containsPattern("QUIET +0\\.0 % +0\\.0 %");
        assertThat(report).containsPattern("(?m)^QUIET +0 +0 +1 +0$");
        assertThat(report).containsPattern("CLEAR decided a median \\d+ ms after speech onset \\(1 clips\\)");
    }

    private int classify(String... files) {
        CommandLine command = new CommandLine(new HotlineCommands());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] args = new String[files.length + 1];
        args[0] = "classify";
        System.arraycopy(files, 0, args, 1, files.length);
        return command.execute(args);
    }

    private List<JsonNode> jsonLines() {
        JsonMapper json = JsonMapper.builder().build();
        return out.toString().lines().filter(line -> line.startsWith("{")).map(json::readTree).toList();
    }
}
