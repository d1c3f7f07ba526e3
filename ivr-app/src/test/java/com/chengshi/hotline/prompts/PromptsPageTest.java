package com.chengshi.hotline.prompts;

import com.chengshi.hotline.TestHotline;
import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.TestClips;
import com.chengshi.hotline.audio.TestWavs;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.console.ConsoleHttp;
import com.chengshi.hotline.console.ConsoleUsers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sound.sampled.AudioFormat;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prompts page over real HTTP, as an admin works it: a text edited into the catalogue file and taken by the
 * running library, a forbidden phrase refused in the check's own words with the file left as it was, a CD-quality
 * stereo recording made a levelled telephone one, back to the synthetic voice; each change audited with who made it.
 */
// The context closes before its temporary dirs are deleted: its prompt renderer writes there.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromptsPageTest {

    private static final Duration RELOADED = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path promptsDir;
    static Path catalogue;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        catalogue = TestPrompts.copyOfProjectCatalogue(promptsDir);
        TestHotline.settings(registry, dataDir, catalogue);
        registry.add("spring.servlet.multipart.max-file-size", () -> "1MB");
    }

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;
    @Autowired
    PromptLibrary library;
    @Autowired
    JdbcClient db;

    ConsoleHttp admin;

    @BeforeEach
    void logInAsAnAdmin() throws Exception {
        users.put("wang", ConsoleUsers.Role.ADMIN, "admin-pass-1");
        admin = new ConsoleHttp(port);
        admin.logIn("wang", "admin-pass-1");
    }

    private HttpResponse<String> editText(String id, String language, String text) throws Exception {
        return admin.post("/prompts/" + id + "/" + language + "/text", "text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&_csrf=" + admin.csrf("/prompts"));
    }

    private List<String> audit(String id) {
        return db.sql("select edited_by || ' ' || change || ' ' || coalesce(old_text, '-') || ' -> ' || new_text"
                + " from prompt_edit where prompt_id = ? order by id").param(id).query(String.class).list();
    }

    @Test
    void anAcceptedEditReplacesOnlyItsLineAndTheRunningLibraryTakesIt() throws Exception {
        List<String> before = Files.readAllLines(catalogue);
        String text = "Thank you for calling \"Chengshi\". Goodbye!";

        HttpResponse<String> saved = editText("anything-else", "en-US", text);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/prompts#anything-else-en-US"));
        List<String> after = Files.readAllLines(catalogue);
        int line = before.indexOf("  anything-else:") + 2;
        assertThat(after.get(line)).isEqualTo("    en-US: \"Thank you for calling \\\"Chengshi\\\". Goodbye!\"");
        after.set(line, before.get(line));
        assertThat(after).as("every other line, comments included").isEqualTo(before);
        await().atMost(RELOADED).until(() -> library.text("anything-else", "en-US", 0).equals(text));
        assertThat(admin.get("/prompts").body()).contains("anything-else [en-US] saved");
        assertThat(audit("anything-else")).singleElement().asString()
                .startsWith("wang TEXT ").endsWith(" -> " + text);
    }

    @Test
    void aForbiddenPhraseIsRefusedInTheChecksWordsAndTheFileIsUntouched() throws Exception {
        byte[] before = Files.readAllBytes(catalogue);

        HttpResponse<String> refused = editText("sorry", "en-US", "Sorry, but that is all we know.");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(admin.get("/prompts").body()).contains(
                "Refused: sorry [en-US]: forbidden phrase &quot;but&quot; (客户服务禁语, phone-service standard)",
                "Sorry, but that is all we know.</textarea>");
        assertThat(Files.readAllBytes(catalogue)).isEqualTo(before);
        assertThat(audit("sorry")).isEmpty();
        assertThat(promptsDir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aCdQualityStereoRecordingBecomesALevelledTelephoneOneUntilTheVoiceIsBack() throws Exception {
        Path wav = TestWavs.write(dataDir.resolve("take.wav"), new AudioFormat(44100, 16, 2, true, false),
                TestWavs.littleEndian(samples(TestClips.tones(44100, 2, 0.1, 440)), 2));

        HttpResponse<String> uploaded = admin.upload("/prompts/goodbye/en-US/recording", "file", "take.wav",
                Files.readAllBytes(wav), admin.csrf("/prompts"));

        assertThat(uploaded.statusCode()).isEqualTo(302);
        Path recording = promptsDir.resolve("en-US/goodbye.wav");
        assertThat(TelephoneFormat.problemWith(recording)).isEmpty();
        AudioClip made = WavFiles.read(recording);
        assertThat(made.sampleRate()).isEqualTo(8000);
        assertThat(made.samples().length).isBetween(15900, 16000);
        assertThat(SpeechLevel.activeDbfs(made)).isBetween(-20.2, -19.8);
        assertThat(admin.get("/prompts").body()).contains("goodbye [en-US]: recorded, take.wav",
                "recording " + promptsDir.getFileName() + "/en-US/goodbye.wav");
        await().atMost(RELOADED).until(() -> java.util.Arrays.equals(
                admin.getBytes("/prompts/goodbye/en-US/audio.wav").body(), Files.readAllBytes(recording)));

        HttpResponse<String> back = admin.post("/prompts/goodbye/en-US/synthetic", "_csrf=" + admin.csrf("/prompts"));

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(recording).doesNotExist();
        assertThat(audit("goodbye")).containsExactly(
                "wang RECORDING synthetic voice -> take.wav (PCM_SIGNED 44100 Hz 16-bit 2 channels WAV, 2.0 s),"
                        + " made 8 kHz mono at -20 dBFS",
                "wang SYNTHETIC recording " + promptsDir.getFileName() + "/en-US/goodbye.wav -> synthetic voice");
        await().atMost(RELOADED).until(() -> !java.util.Arrays.equals(
                admin.getBytes("/prompts/goodbye/en-US/audio.wav").body(), Files.readAllBytes(wav)));
    }

    @Test
    void anotherFormatIsConvertedWithTheConverterOnThisHost() throws Exception {
        RecordingUpload upload = new RecordingUpload(RecordingUpload.CONVERTERS, Duration.ofSeconds(60), -20);
        Assumptions.assumeTrue(upload.converter().filter("sox"::equals).isPresent(),
                "Conversion test skipped: no sox to make a FLAC with (apt-get install sox)");
        Path wav = TestWavs.write(dataDir.resolve("take-for-flac.wav"), new AudioFormat(48000, 16, 1, true, false),
                TestWavs.littleEndian(samples(TestClips.tones(48000, 1, 0.3, 300)), 1));
        Path flac = dataDir.resolve("take.flac");
        ExternalProgram.run(List.of("sox", wav.toString(), flac.toString()), "", Duration.ofSeconds(60));

        admin.upload("/prompts/menu-invalid/en-US/recording", "file", "take.flac", Files.readAllBytes(flac),
                admin.csrf("/prompts"));

        Path recording = promptsDir.resolve("en-US/menu-invalid.wav");
        assertThat(TelephoneFormat.problemWith(recording)).isEmpty();
        assertThat(WavFiles.read(recording).samples().length).isBetween(7900, 8000);
        assertThat(audit("menu-invalid")).singleElement().asString().contains("take.flac (converted with sox, 1.0 s)");
    }

    @Test
    void withoutAConverterAnotherFormatIsRefusedWithWhatToInstall() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("no-converter"));
        Path mp3 = Files.write(dir.resolve("upload.mp3"), new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        RecordingUpload upload = new RecordingUpload(List.of("no-such-converter"), Duration.ofSeconds(60), -20);

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(PromptEdits.RefusedException.class,
                () -> upload.telephone(mp3, "take.mp3"))).hasMessage("take.mp3: not a WAV file, or a WAV encoding"
                + " javax.sound cannot read; formats other than WAV (mp3, ogg, flac, m4a...) are converted with"
                + " no-such-converter, and neither is installed on this host (" + RecordingUpload.HOW_TO_INSTALL + ")");
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedWithTheLimit() throws Exception {
        HttpResponse<String> refused = admin.upload("/prompts/sorry/en-US/recording", "file", "long.wav",
                new byte[6_000_000], admin.csrf("/prompts"));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The file is larger than 1MB, the most the console takes"
                + " (spring.servlet.multipart.max-file-size).");
        assertThat(promptsDir.resolve("en-US/sorry.wav")).doesNotExist();
    }

    @Test
    void anEmptyUploadIsRefusedAsSuch() throws Exception {
        admin.upload("/prompts/sorry/en-US/recording", "file", "", new byte[0], admin.csrf("/prompts"));

        assertThat(admin.get("/prompts").body()).contains(
                "Refused: the upload: the file is empty; choose a recording to upload");
        assertThat(promptsDir.resolve("en-US/sorry.wav")).doesNotExist();
        assertThat(audit("sorry")).isEmpty();
    }

    @Test
    void aChangeWithoutItsCsrfTokenOrByASupervisorIsRefusedAndWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(catalogue);
        assertThat(admin.post("/prompts/sorry/en-US/text", "text=Sorry.+Again.").statusCode()).isEqualTo(403);
        users.put("chen", ConsoleUsers.Role.SUPERVISOR, "supervisor-pass");
        ConsoleHttp supervisor = new ConsoleHttp(port);
        supervisor.logIn("chen", "supervisor-pass");
        assertThat(supervisor.post("/prompts/sorry/en-US/text", "text=Sorry.+Again.&_csrf="
                + supervisor.csrf("/callbacks")).statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/prompts/sorry/en-US/audio.wav").statusCode()).isEqualTo(403);
        assertThat(Files.readAllBytes(catalogue)).isEqualTo(before);
        assertThat(audit("sorry")).isEmpty();
    }

    @Test
    void thePageServesEachPromptsAudioAndSaysWhyWhenThereIsNone() throws Exception {
        await().atMost(RELOADED).until(() -> admin.getBytes("/prompts/hold-please-wait/en-US/audio.wav")
                .statusCode() == 200);
        HttpResponse<byte[]> audio = admin.getBytes("/prompts/hold-please-wait/en-US/audio.wav");
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");

        HttpResponse<String> none = admin.get("/prompts/no-such-prompt/en-US/audio.wav");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).isEqualTo("calls do not play no-such-prompt in en-US yet");

        String page = admin.get("/prompts").body();
        assertThat(page).contains("id=\"greeting-en-US\"", "synthetic voice", "as greeting-no-seat");
    }

    private static short[] samples(AudioClip clip) {
        short[] s = new short[clip.samples().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(clip.samples()[i] * 32767);
        }
        return s;
    }
}
