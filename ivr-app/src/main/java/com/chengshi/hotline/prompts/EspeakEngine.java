package com.chengshi.hotline.prompts;

import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.WavFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * espeak-ng with one of its voices, e.g. {@code cmn-latn-pinyin} for Mandarin. The text goes in on standard input, so
 * no text can be taken for an option. espeak-ng also says how it reads a text ({@code -x}): where it switches to
 * another language's rules it writes the language in brackets, e.g. {@code (en)v'I55p(cmn)} for "VIP" in a Mandarin
 * text, which is how `prompts check` finds texts the caller would hear in the wrong language.
 */
final class EspeakEngine implements TtsEngine {

    static final String PROGRAM = "espeak-ng";
    /** A language switch in espeak-ng's phoneme output, e.g. {@code (en)} or {@code (cmn)}. */
    private static final Pattern SWITCH = Pattern.compile("\\(([a-z]{2,3}(?:-[a-z0-9]+)*)\\)");
    /**
     * espeak-ng pauses at ASCII punctuation only when a space follows (and at full-width punctuation always): without
     * this, "您好,请问…" as the catalogue writes it runs on without a breath.
     */
    private static final Pattern TIGHT_PUNCTUATION = Pattern.compile("([,.;:!?])(?=[^\\s\\d])");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]+(?:[ '-][A-Za-z]+)*");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[，。！？；：、,.!?;:])");

    private final String voice;
    private final Integer speed;
    private final Duration timeout;

    /** {@code speed} in words per minute, or null for espeak-ng's own. */
    EspeakEngine(String voice, Integer speed, Duration timeout) {
        this.voice = voice;
        this.speed = speed;
        this.timeout = timeout;
    }

    @Override
    public String identity() {
        return PROGRAM + ":" + voice + (speed == null ? "" : ":" + speed + "wpm");
    }

    @Override
    public Optional<String> unavailable() {
        return ExternalProgram.missing(PROGRAM);
    }

    @Override
    public AudioClip speak(String text) throws IOException {
        Path out = Files.createTempFile("prompt-espeak-", ".wav");
        try {
            List<String> args = new ArrayList<>(List.of(PROGRAM, "-v", voice, "-w", out.toString(), "--stdin"));
            if (speed != null) {
                args.addAll(List.of("-s", speed.toString()));
            }
            ExternalProgram.run(args, spoken(text), timeout);
            return WavFiles.read(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** espeak-ng's phonemes for the text, one line per clause. */
    List<String> phonemes(String text) throws IOException {
        byte[] out = ExternalProgram.run(List.of(PROGRAM, "-v", voice, "-q", "-x", "--stdin"), spoken(text), timeout);
        return new String(out, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public List<String> misreadings(String text) throws IOException {
        String home = voice.split("-")[0];
        List<String> lines = phonemes(text);
        List<String> clauses = CLAUSE_END.splitAsStream(text).map(String::strip).filter(c -> !c.isEmpty()).toList();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String clause = clauses.size() == lines.size() ? clauses.get(i) : text;
            for (String foreign : foreignStretches(lines.get(i), home)) {
                found.add("the voice reads \"" + clause + "\" partly as " + foreign + latinHint(clause));
            }
        }
        return found;
    }

    /** Each stretch of a phoneme line spoken by another language's rules, as "en: (en)v'I55p". */
    private static List<String> foreignStretches(String line, String home) {
        List<String> stretches = new ArrayList<>();
        Matcher m = SWITCH.matcher(line);
        String language = null;
        int from = 0;
        while (m.find()) {
            if (language != null) {
                stretches.add(language + " \"" + line.substring(from, m.start()).strip() + "\"");
            }
            language = m.group(1).equals(home) ? null : m.group(1);
            from = m.start();
        }
        if (language != null) {
            stretches.add(language + " \"" + line.substring(from).strip() + "\"");
        }
        return stretches;
    }

    private static String latinHint(String clause) {
        List<String> latin = LATIN.matcher(clause).results().map(MatchResult::group).toList();
        return latin.isEmpty() ? "" : " (Latin letters " + String.join(", ", latin.stream().map(l -> "\"" + l + "\"")
                .toList()) + ": translate them, e.g. 贵宾 for VIP, or record the prompt)";
    }

    private static String spoken(String text) {
        return TIGHT_PUNCTUATION.matcher(text).replaceAll("$1 ");
    }
}
