package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.audio.UnusableAudioException;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled line-check corpus, shared between the engineers' checkouts in {@code shared/linecheck-corpus} next to
 * the project (never copied into it). Found by walking up from the working directory, so it resolves both from the
 * project root and from the module directory that Maven runs tests in.
 */
public final class Corpus {

    static final String LOCATION = "shared/linecheck-corpus";

    /** A labelled clip with its audio. */
    record Clip(LabelledClip labels, short[] audio) {
    }

    private Corpus() {
    }

    /** The corpus directory; fails with a clear message when it is missing, because the accuracy floors need it. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve(LOCATION);
            if (Files.isRegularFile(corpus.resolve("labels.csv"))) {
                return corpus;
            }
        }
        throw new IllegalStateException("The line-check corpus is missing: no " + LOCATION + "/labels.csv above "
                + Path.of("").toAbsolutePath() + ". The accuracy test needs it; CI provides it next to the project.");
    }

    static List<Clip> load() {
        Path dir = directory();
        try {
            List<Clip> clips = new ArrayList<>();
            for (LabelledClip labels : LabelledClip.readCsv(dir.resolve("labels.csv"))) {
                clips.add(new Clip(labels, WavFiles.readTelephone(dir.resolve(labels.file()))));
            }
            return clips;
        } catch (UnusableAudioException e) {
            throw new IllegalStateException("A corpus clip cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
