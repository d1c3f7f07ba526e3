package com.chengshi.hotline.prompts;

import com.chengshi.hotline.CannotStartException;
import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.TelephoneFormat;
import com.chengshi.hotline.audio.WavFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class PromptLibraryTest {

    @TempDir
    Path dir;

    private final SyntheticVoice chinese = new SyntheticVoice("zh");
    private final SyntheticVoice english = new SyntheticVoice("en");
    private Path catalogue;
    private PromptLibrary library;

    @BeforeEach
    void openLibrary() throws Exception {
        catalogue = TestPrompts.copyOfProjectCatalogue(dir);
        library = open();
    }

    private PromptLibrary open() {
        PromptRenderer renderer = new PromptRenderer(dir.resolve("sounds"),
                Map.of("zh-CN", chinese, "en-US", english), Recordings.beside(catalogue), -20);
        return new PromptLibrary(TestPrompts.properties(catalogue, dir.resolve("sounds")), renderer);
    }

    @AfterEach
    void closeLibrary() {
        library.close();
    }

    @Test
    void closingWaitsForTheBackgroundRenderSoNothingIsWrittenAfterwards() throws Exception {
        AtomicInteger spoken = new AtomicInteger();
        CountDownLatch speaking = new CountDownLatch(1);
        Semaphore mayFinish = new Semaphore(0);
        // An engine that cannot be interrupted mid-utterance, as a native or external one: it ends when let.
        TtsEngine uninterruptible = SyntheticVoice.engine("uninterruptible", text -> {
            speaking.countDown();
            mayFinish.acquireUninterruptibly();
            spoken.incrementAndGet();
            return english.speak(text);
        });
        Path soundDir = dir.resolve("slow-sounds");
        PromptLibrary rendering = new PromptLibrary(TestPrompts.properties(catalogue, soundDir), new PromptRenderer(
                soundDir, Map.of("zh-CN", uninterruptible, "en-US", uninterruptible), Recordings.beside(catalogue),
                -20));
        rendering.start();
        assertThat(speaking.await(30, TimeUnit.SECONDS)).as("the background render began").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(rendering::close);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        mayFinish.release(Integer.MAX_VALUE);
        closing.get(30, TimeUnit.SECONDS);
        int spokenWhenClosed = spoken.get();
        long filesWhenClosed = countFiles(soundDir);

        assertThat(spokenWhenClosed).as("the utterance in hand, and no next one").isEqualTo(1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> spoken.get() == spokenWhenClosed && countFiles(soundDir) == filesWhenClosed);
    }

    private static long countFiles(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.count();
        }
    }

    @Test
    void playableIsTheRenderedFileWithoutItsExtension() {
        String playable = library.playable("goodbye", "en-US", 0).orElseThrow();

        assertThat(playable).isEqualTo(dir.resolve("sounds/en-US/goodbye").toAbsolutePath().toString());
        assertThat(Path.of(playable + ".wav")).isRegularFile();
    }

    @Test
    void seatPromptsHaveOneFilePerSeat() {
        assertThat(library.playable("greeting", "zh-CN", 7)).hasValueSatisfying(p -> assertThat(p).endsWith("greeting-seat7"));
        assertThat(library.playable("greeting", "zh-CN", 12)).hasValueSatisfying(p -> assertThat(p).endsWith("greeting-seat12"));
        assertThat(library.playable("greeting", "zh-CN", 7)).isPresent();

        assertThat(chinese.utterances).hasValue(2);
    }

    @Test
    void noAudioInALanguageTheCatalogueLacks() {
        assertThat(library.playable("goodbye", "fr-FR", 0)).isEmpty();
        assertThat(library.playable("no-such-prompt", "en-US", 0)).isEmpty();
    }

    @Test
    void aHungEngineCannotStallACall() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TtsEngine hangsOnSeat12 = SyntheticVoice.engine("hangs on seat 12", text -> {
            if (text.contains("十二号")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw new java.io.IOException("interrupted", e);
                }
            }
            return chinese.speak(text);
        });
        Path soundDir = dir.resolve("hung-sounds");
        PromptLibrary hung = new PromptLibrary(TestPrompts.properties(catalogue, soundDir), new PromptRenderer(
                soundDir, Map.of("zh-CN", hangsOnSeat12, "en-US", english), Recordings.beside(catalogue), -20));
        try {
            hung.renderAll();

            // The first call of seat 12 hears the seat-less greeting, and so does the next while the engine hangs.
            assertThat(hung.playable("greeting", "zh-CN", 12)).hasValue(soundDir.resolve("zh-CN/greeting-no-seat")
                    .toAbsolutePath().toString());
            assertThat(hung.playable("greeting", "zh-CN", 12)).hasValue(soundDir.resolve("zh-CN/greeting-no-seat")
                    .toAbsolutePath().toString());
            assertThat(hung.playable("goodbye", "zh-CN", 12)).isPresent();
            assertThat(hung.playable("greeting", "zh-CN", 7)).hasValueSatisfying(p -> assertThat(p).endsWith("seat7"));
        } finally {
            never.countDown();
            hung.close();
        }
    }

    @Test
    void withNothingElseToSayTheCallWaitsForThePromptToBeMade() {
        TtsEngine slow = SyntheticVoice.engine("slow", text -> {
            try {
                // Three times the longest a caller waits when there is something else to say.
                TimeUnit.NANOSECONDS.sleep(3 * TestPrompts.CALL_WAIT.toNanos());
            } catch (InterruptedException e) {
                throw new java.io.IOException("interrupted", e);
            }
            return english.speak(text);
        });
        Path soundDir = dir.resolve("first-start");
        PromptLibrary firstStart = new PromptLibrary(TestPrompts.properties(catalogue, soundDir), new PromptRenderer(
                soundDir, Map.of("zh-CN", slow, "en-US", slow), Recordings.beside(catalogue), -20));
        try {
            assertThat(firstStart.playable("menu", "en-US", 0)).hasValue(soundDir.resolve("en-US/menu")
                    .toAbsolutePath().toString());
        } finally {
            firstStart.close();
        }
    }

    @Test
    void aNumberIsReadOutInTheCallsLanguageInItsGroups() throws Exception {
        String file = library.numberAudio("13800138000", "zh-CN").orElseThrow();
        Path wav = Path.of(file + ".wav");

        assertThat(wav.getParent()).isEqualTo(dir.resolve("sounds/zh-CN/said").toAbsolutePath());
        assertThat(TelephoneFormat.problemWith(wav)).isEmpty();
        assertThat(Files.getPosixFilePermissions(wav)).as("Asterisk, another user, can read it")
                .contains(PosixFilePermission.OTHERS_READ);
        AudioClip said = WavFiles.read(wav);
        assertThat(TestPrompts.pausesLongerThan(said, 0.25)).as("138 / 0013 / 8000").isEqualTo(2);
        assertThat(TestPrompts.bursts(said)).as("eleven digits").isEqualTo(11);
        assertThat(library.numberAudio("", "zh-CN")).isEmpty();
        assertThat(library.numberAudio("1001", "fr-FR")).isEmpty();
    }

    @Test
    void aNumberLeftOnDiskByACrashIsDeletedAtStart() throws Exception {
        Path left = Files.createDirectories(dir.resolve("sounds/zh-CN/said")).resolve("number-123.wav");
        Files.writeString(left, "a caller's number");

        library.start();

        assertThat(left).doesNotExist();
    }

    @Test
    void textsHaveTheirPlaceholdersFilled() {
        assertThat(library.text("greeting", "zh-CN", 7)).isEqualTo("您好,诚实集团7号客服为您服务。请问有什么可以帮助您?");
        assertThat(library.text("info-opening-hours", "en-US", 0)).endsWith("on 400-000-0000.");
    }

    @Test
    void aCallHearsItsOwnLanguageFirstThenTheOthersAsConfigured() {
        assertThat(library.languages("en-US")).containsExactly("en-US", "zh-CN");
        assertThat(library.languages("en")).containsExactly("en-US", "zh-CN");
        assertThat(library.languages("EN_us")).containsExactly("en-US", "zh-CN");
        assertThat(library.languages("zh")).containsExactly("zh-CN", "en-US");
        assertThat(library.languages("fr-FR")).containsExactly("zh-CN", "en-US");
        assertThat(library.languages(null)).containsExactly("zh-CN", "en-US");
        assertThat(library.languages("")).containsExactly("zh-CN", "en-US");
    }

    @Test
    void rendersTheWholeCatalogueOnceAndThenFromCache() {
        PromptLibrary.RenderSummary cold = library.renderAll();
        int utterances = chinese.utterances.get() + english.utterances.get();
        PromptLibrary.RenderSummary warm = open().renderAll();

        assertThat(cold.count(PromptRenderer.Kind.RENDERED)).isEqualTo(utterances).isPositive();
        assertThat(warm.count(PromptRenderer.Kind.CACHED)).isEqualTo(utterances);
        assertThat(chinese.utterances.get() + english.utterances.get()).isEqualTo(utterances);
    }

    @Test
    void refusesToStartWithABrokenCatalogue() throws Exception {
        Files.writeString(catalogue, Files.readString(catalogue).replace("非常抱歉。", "但是{who}"));

        assertThatThrownBy(this::open).isInstanceOf(CannotStartException.class)
                .hasMessage("The prompt catalogue is broken: " + catalogue.toAbsolutePath()
                        + ": sorry [zh-CN]: unknown placeholder {who} (known: " + Placeholders.KNOWN + ") (and 1 more),"
                        + " and there is no last good copy to start on (" + lastGood() + ")");
    }

    private Path lastGood() {
        return TestPrompts.lastGood(dir.resolve("sounds")).toAbsolutePath();
    }

    @Test
    void theCatalogueTakenAtStartAndEachEditTakenAreKeptAsTheLastGood() throws Exception {
        String original = Files.readString(catalogue);
        library.start();
        assertThat(lastGood()).hasContent(original);

        String edited = original.replace("\"Very sorry.\"", "\"Sorry.\"");
        Files.writeString(catalogue, edited);
        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(lastGood()).hasContent(edited);

        Files.writeString(catalogue, original.replace("\"Very sorry.\"", "\"Sorry, but no.\""));
        assertThat(library.reloadIfChanged()).isFalse();
        assertThat(lastGood()).as("a rejected edit is not kept").hasContent(edited);
    }

    @Test
    void aStartOverABrokenCatalogueStartsOnTheLastGoodAndSaysSo(CapturedOutput output) throws Exception {
        String good = Files.readString(catalogue);
        library.start();
        library.close();
        Files.writeString(catalogue, good.replace("\"Very sorry.\"", "\"Sorry, but no.\""));

        library = open();

        assertThat(library.text("sorry", "en-US", 0)).isEqualTo("Very sorry.");
        var health = new PromptsHealthIndicator(library).health();
        assertThat(health.getStatus()).isEqualTo(PromptsHealthIndicator.EDIT_REJECTED);
        assertThat(health.getDetails().get("rejectedEdit")).asList().singleElement().asString()
                .contains("sorry [en-US]: forbidden phrase \"but\"");
        assertThat(health.getDetails().get("serving")).asString()
                .startsWith("rejected edit on disk; started on the last good catalogue, " + lastGood() + " (saved ");
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ")).toList()).singleElement()
                .asString().contains("Prompt catalogue " + catalogue.toAbsolutePath()
                        + " rejected, started on the last good one, " + lastGood())
                .contains("sorry [en-US]: forbidden phrase \"but\"");

        Files.writeString(catalogue, good);
        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(new PromptsHealthIndicator(library).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aLastGoodCopyThatCannotBeWrittenIsInHealth() throws Exception {
        Files.writeString(lastGood().getParent(), "a file where the data dir's prompts/ would go");

        library.start();

        assertThat(new PromptsHealthIndicator(library).health().getDetails().get("lastGoodNotKept")).asString()
                .startsWith(lastGood() + ": ");
    }

    @Test
    void aValidEditIsPlayedNext() throws Exception {
        library.renderAll();
        Path before = Path.of(library.playable("sorry", "en-US", 0).orElseThrow() + ".wav");
        Path oldAudio = Files.copy(before, dir.resolve("old-sorry.wav"));
        int utterances = english.utterances.get();

        Files.writeString(catalogue, Files.readString(catalogue).replace("\"Very sorry.\"", "\"Sorry.\""));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.text("sorry", "en-US", 0)).isEqualTo("Sorry.");
        Path after = Path.of(library.playable("sorry", "en-US", 0).orElseThrow() + ".wav");
        assertThat(after).isEqualTo(before);
        assertThat(Files.mismatch(after, oldAudio)).as("new audio in place").isNotEqualTo(-1);
        assertThat(english.utterances.get()).as("the reload synthesised the edited prompt only").isEqualTo(utterances + 1);
        assertThat(new PromptsHealthIndicator(library).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aBrokenEditIsRejectedAndTheLastGoodCatalogueKept() throws Exception {
        String good = Files.readString(catalogue);
        Files.writeString(catalogue, good.replace("\"Very sorry.\"", "\"Sorry, but no.\""));

        assertThat(library.reloadIfChanged()).isFalse();
        assertThat(library.text("sorry", "en-US", 0)).isEqualTo("Very sorry.");
        assertThat(library.status().rejectedEdit()).singleElement().asString()
                .contains("sorry [en-US]: forbidden phrase \"but\"");
        var health = new PromptsHealthIndicator(library).health();
        assertThat(health.getStatus()).isEqualTo(PromptsHealthIndicator.EDIT_REJECTED);
        assertThat(health.getDetails().get("rejectedEdit")).isEqualTo(library.status().rejectedEdit());
        assertThat(health.getDetails().get("serving")).isEqualTo("rejected edit on disk; calls play the last good"
                + " catalogue, kept in " + lastGood() + " for the next start");

        Files.writeString(catalogue, good);
        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.status().rejectedEdit()).isEmpty();
    }

    @Test
    void aRecordingDroppedInIsPlayedNext() throws Exception {
        library.playable("goodbye", "en-US", 0);
        Files.createDirectories(dir.resolve("en-US"));
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/goodbye.wav"));

        assertThat(library.reloadIfChanged()).isTrue();
        Path played = Path.of(library.playable("goodbye", "en-US", 0).orElseThrow() + ".wav");
        assertThat(Files.mismatch(played, dir.resolve("en-US/goodbye.wav"))).isEqualTo(-1);
    }

    @Test
    void aStrayRecordingHoldsUpNoEdit() throws Exception {
        Files.createDirectories(dir.resolve("en-US"));
        WavFiles.writeTelephone(new short[800], dir.resolve("en-US/greting.wav"));
        assertThat(library.reloadIfChanged()).as("the stray recording alone").isTrue();

        Files.writeString(catalogue, Files.readString(catalogue).replace("\"Very sorry.\"", "\"Sorry.\""));

        assertThat(library.reloadIfChanged()).isTrue();
        assertThat(library.text("sorry", "en-US", 0)).isEqualTo("Sorry.");
        assertThat(library.status().rejectedEdit()).isEmpty();
    }

    @Test
    void healthIsDownWhenAsterisksUserCannotReadTheSoundDir() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sounds = Files.createDirectories(dir.resolve("closed-sounds"));
        Files.setPosixFilePermissions(sounds, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        PromptsProperties closed = TestPrompts.properties(catalogue, sounds);
        PromptsProperties.Prompts p = closed.prompts();
        PromptsProperties asNobody = new PromptsProperties(closed.companyName(), closed.hotlineNumber(),
                closed.phoneRegion(), new PromptsProperties.Prompts(p.catalogue(), p.lastGoodCatalogue(), p.soundDir(),
                p.languages(), p.defaultLanguage(), p.voices(), p.seats(), p.levelDbfs(), p.reloadInterval(), p.synthesisTimeout(),
                p.callWait(), "nobody", p.conversionTimeout()));
        PromptLibrary unreadable = new PromptLibrary(asNobody, new PromptRenderer(sounds,
                Map.of("zh-CN", chinese, "en-US", english), Recordings.beside(catalogue), -20));

        var health = new PromptsHealthIndicator(unreadable).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("asteriskCannotRead")).asString().contains("cannot read " + sounds);
    }

    @Test
    void healthIsDownWhenTheDefaultLanguageHasNoAudio() {
        Path soundDir = dir.resolve("no-mandarin");
        PromptLibrary englishOnly = new PromptLibrary(TestPrompts.properties(catalogue, soundDir), new PromptRenderer(
                soundDir, Map.of("en-US", english), Recordings.beside(catalogue), -20));
        englishOnly.renderAll();

        var health = new PromptsHealthIndicator(englishOnly).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("noAudioInTheDefaultLanguage")).asList().contains("zh-CN/goodbye")
                .noneMatch(prompt -> prompt.toString().startsWith("en-US"));
        assertThat(new PromptsHealthIndicator(library).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void nothingChangedNothingReloaded() {
        assertThat(library.reloadIfChanged()).isFalse();
    }
}
