package com.chengshi.hotline.dialer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An AMI capture in the layout of ../shared/asterisk-captures (capture 16): {@code <ms> <<< line} from Asterisk,
 * {@code <ms> >>> line} sent to it, {@code <ms> --- note} and {@code #} headers; each action and each response or event
 * ends with an empty line. Read as what Asterisk said first, then each action with everything Asterisk said after it,
 * up to the next action or note.
 */
record AmiTranscript(Path file, List<String> greeting, List<Exchange> exchanges) {

    /** One action as it was sent, and the lines Asterisk sent after it (its response, then the events). */
    record Exchange(List<String> action, List<String> replies) {

        Optional<String> header(String name) {
            return AmiTranscript.header(action, name);
        }
    }

    static AmiTranscript read(Path file) throws IOException {
        List<String> greeting = new ArrayList<>();
        List<Exchange> exchanges = new ArrayList<>();
        List<String> action = null;
        List<String> replies = null;
        boolean inAction = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            String direction = parts[1];
            String text = parts.length > 2 ? parts[2] : "";
            if (direction.equals(">>>")) {
                if (!inAction) {
                    action = new ArrayList<>();
                    replies = new ArrayList<>();
                    exchanges.add(new Exchange(action, replies));
                    inAction = true;
                }
                if (!text.isEmpty()) {
                    action.add(text);
                }
            } else if (direction.equals("<<<")) {
                inAction = false;
                (replies == null ? greeting : replies).add(text);
            } else {
                inAction = false;
                replies = replies == null ? null : new ArrayList<>(); // a note starts a new scenario: nothing follows
            }
        }
        return new AmiTranscript(file, List.copyOf(greeting), List.copyOf(exchanges));
    }

    /** The first exchange whose action has {@code header} = {@code value}. */
    Optional<Exchange> find(String header, String value) {
        return exchanges.stream().filter(e -> e.header(header).filter(value::equalsIgnoreCase).isPresent())
                .findFirst();
    }

    static Optional<String> header(List<String> lines, String name) {
        return lines.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst();
    }
}
