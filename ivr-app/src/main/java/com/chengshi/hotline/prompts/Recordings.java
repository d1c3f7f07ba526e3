package com.chengshi.hotline.prompts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Audio an admin recorded, beside the catalogue as {@code <lang>/<id>.wav} (or {@code <lang>/<id>-seat<N>.wav} for
 * one seat of a {seat} prompt). A recording wins over synthesis once it is in telephone format.
 */
record Recordings(Path dir) {

    static Recordings beside(Path catalogue) {
        Path parent = catalogue.toAbsolutePath().getParent();
        return new Recordings(parent);
    }

    /** The recording to play for this prompt, if one exists; the seat's own file comes first. */
    Optional<Path> find(String language, String id, int seat, boolean perSeat) {
        Stream<String> names = perSeat ? Stream.of(id + "-seat" + seat + ".wav", id + ".wav") : Stream.of(id + ".wav");
        return names.map(name -> dir.resolve(language).resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    /** Every WAV file in the languages' folders, sorted, for checks and for noticing edits. */
    List<Path> all(List<String> languages) {
        return languages.stream().map(dir::resolve).filter(Files::isDirectory).flatMap(Recordings::wavFiles).sorted()
                .toList();
    }

    private static Stream<Path> wavFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
