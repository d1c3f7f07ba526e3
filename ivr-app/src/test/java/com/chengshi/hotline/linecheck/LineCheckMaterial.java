package com.chengshi.hotline.linecheck;

import com.chengshi.hotline.RunOptions;
import com.chengshi.hotline.audio.AudioClip;
import com.chengshi.hotline.audio.Resampler;
import com.chengshi.hotline.audio.UnusableAudioException;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.flow.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Labelled line-check material made from sources unlike the shared corpus's: other voices and languages (espeak-ng),
 * other backgrounds (music, babble, crackle, rumble, fans, buzz next to the plain noises) and other codecs (A-law,
 * GSM 06.10 through sox, packet loss next to µ-law), labelled to the corpus's definitions, read off its labels.csv:
 * <ul>
 *     <li>CLEAR: active speech level −30 to −14 dBFS, the background 25 to 45 dB below it;</li>
 *     <li>QUIET: speech −54 to −40 dBFS, the background 15 to 30 dB below it;</li>
 *     <li>NOISY: speech −30 to −17 dBFS at a signal-to-noise ratio of −6 to +4 dB, or no speech and a background
 *     of −30 to −15 dBFS;</li>
 *     <li>SILENT: no speech, and digital silence or a background of −79 to −67 dBFS.</li>
 * </ul>
 * Levels are RMS: the background's over the whole clip, the speech's over its active 20 ms frames (those within
 * 35 dB of its loudest), as the corpus gives them.
 *
 * <p>Two parts that share no voice, language, melody, babble talker or seed: {@link Part#TUNE} to tune on and
 * {@link Part#HELD_OUT} to report on, never tuned on. Run from the project root to write a part as WAV files with a
 * labels.csv in the corpus's format (needs espeak-ng and sox):
 * <pre>
 * mvn -B -q -pl ivr-app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.chengshi.hotline.linecheck.LineCheckMaterial \
 *     -Dexec.args="--part held-out --out /tmp/linecheck-held-out"
 * </pre>
 */
public final class LineCheckMaterial {

    private static final String USAGE = "LineCheckMaterial [--part tune|held-out] [--out DIR] [--per-class N]";
    private static final int RATE = Signals.RATE;
    private static final int FRAME = 160;
    /** Speech frames count as active within 35 dB of the loudest. */
    private static final double ACTIVE_WITHIN = Math.pow(10, -3.5);

    /** A voice: an espeak-ng language with a variant, and what it says. */
    private record Voice(String language, String variant, List<String> sentences) {
        String name() {
            return language + "+" + variant;
        }
    }

    enum Part {
        TUNE(11, List.of(
                new Voice("en-us", "m1", List.of("Hello, I am calling about my order from last week.",
                        "Could you tell me when the parcel will arrive?", "My account number is four five two.")),
                new Voice("de", "f1", List.of("Guten Tag, ich rufe wegen meiner Rechnung an.",
                        "Können Sie mir bitte sagen, wann das Paket kommt?", "Meine Kundennummer ist neun acht.")),
                new Voice("es", "m3", List.of("Buenos días, llamo por un problema con mi pedido.",
                        "¿Me puede decir cuándo llega el paquete?", "Quisiera hablar con un agente, por favor.")),
                new Voice("it", "f4", List.of("Buongiorno, chiamo per la mia fattura di marzo.",
                        "Vorrei sapere quando arriva il pacco.", "Il mio numero cliente è tre sette due.")),
                new Voice("pl", "m7", List.of("Dzień dobry, dzwonię w sprawie zamówienia.",
                        "Kiedy przyjdzie moja paczka?", "Chciałbym rozmawiać z konsultantem.")),
                new Voice("sv", "f2", List.of("Hej, jag ringer om min beställning.",
                        "När kommer mitt paket fram?", "Jag vill prata med någon om fakturan."))),
                List.of("white", "pink", "brown", "hum", "pluck-music", "babble", "clicks", "fan")),
        HELD_OUT(23, List.of(
                new Voice("fr-fr", "m2", List.of("Bonjour, je voudrais savoir où en est ma commande.",
                        "Le colis devait arriver hier, mais je n'ai rien reçu.", "Mon numéro client est le six cinq.")),
                new Voice("ja", "f3", List.of("こんにちは、注文の状況を知りたいです。",
                        "荷物はいつ届きますか。", "担当者と話したいのですが。")),
                new Voice("pt-br", "m5", List.of("Bom dia, estou ligando sobre a minha conta.",
                        "Quando é que a encomenda vai chegar?", "Meu número de cliente é oito três.")),
                new Voice("ru", "f5", List.of("Здравствуйте, я звоню по поводу моего заказа.",
                        "Скажите, пожалуйста, когда придёт посылка?", "Я хотел бы поговорить с оператором.")),
                new Voice("nl", "m4", List.of("Goedemiddag, ik bel over mijn bestelling.",
                        "Wanneer wordt het pakket bezorgd?", "Mijn klantnummer is zeven twee.")),
                new Voice("ko", "f1", List.of("안녕하세요, 주문 상태를 알고 싶습니다.",
                        "택배는 언제 도착하나요?", "상담원과 통화하고 싶어요.")),
                new Voice("tr", "m6", List.of("Merhaba, siparişim hakkında arıyorum.",
                        "Paketim ne zaman gelecek?", "Bir temsilciyle görüşmek istiyorum."))),
                List.of("white", "pink", "brown", "buzz", "organ-music", "babble", "crackle", "rumble"));

        private final long seed;
        private final List<Voice> voices;
        private final List<String> backgrounds;

        Part(long seed, List<Voice> voices, List<String> backgrounds) {
            this.seed = seed;
            this.voices = voices;
            this.backgrounds = backgrounds;
        }
    }

    private static final String[] CODECS = {"pcm", "ulaw", "alaw", "gsm", "ulaw-loss"};

    private final Part part;
    private final Map<String, double[]> utterances = new HashMap<>();

    private LineCheckMaterial(Part part) {
        this.part = part;
    }

    /** A generated clip, and its row in a labels.csv of the corpus's format ({@link #CSV_HEADER}). */
    record Generated(Corpus.Clip clip, String csvRow) {
    }

    /** {@code perClass} clips of each label, the same every time for the same part. */
    static List<Generated> generate(Part part, int perClass) {
        LineCheckMaterial material = new LineCheckMaterial(part);
        List<Generated> clips = new ArrayList<>();
        // Seeds drawn from one generator: java.util.Random's first draws from neighbouring seeds are alike.
        SplittableRandom seeds = new SplittableRandom(part.seed);
        for (Verdict label : Verdict.values()) {
            for (int i = 0; i < perClass; i++) {
                Random random = new Random(seeds.nextLong());
                String file = String.format(Locale.ROOT, "%s-%s-%03d.wav",
                        part.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        label.name().toLowerCase(Locale.ROOT), i);
                clips.add(material.clip(file, label, i, random));
            }
        }
        return clips;
    }

    private Generated clip(String file, Verdict label, int index, Random random) {
        double seconds = 4 + 2 * random.nextDouble();
        int length = (int) (seconds * RATE);
        boolean speech = label == Verdict.CLEAR || label == Verdict.QUIET || (label == Verdict.NOISY && index % 3 != 2);
        boolean digitalSilence = label == Verdict.SILENT && index % 5 == 0;
        // Every background kind in turn, so that each class meets each of them.
        String background = digitalSilence ? "none"
                : part.backgrounds.get((index + label.ordinal()) % part.backgrounds.size());
        String codec = CODECS[(index / part.backgrounds.size() + index) % CODECS.length];

        double[] speechTrack = new double[length];
        double onset = 0;
        double speechLevel = Double.NaN;
        Voice voice = null;
        if (speech) {
            voice = part.voices.get(random.nextInt(part.voices.size()));
            onset = 0.2 + 1.6 * random.nextDouble();
            speechTrack = speechFrom(voice, (int) (onset * RATE), length, random);
            speechLevel = switch (label) {
                case CLEAR -> uniform(random, -30, -14);
                case QUIET -> uniform(random, -54, -40);
                default -> uniform(random, -30, -17);
            };
            speechTrack = Signals.scaled(speechTrack, Math.pow(10, (speechLevel - activeLevelDbfs(speechTrack)) / 20));
        }
        double noiseLevel = switch (label) {
            case CLEAR -> speechLevel - uniform(random, 25, 45);
            case QUIET -> speechLevel - uniform(random, 15, 30);
            case NOISY -> speech ? speechLevel - uniform(random, -6, 4) : uniform(random, -30, -15);
            case SILENT -> uniform(random, -79, -67);
        };
        double[] mix = speechTrack;
        if (!digitalSilence) {
            double[] noise = background(background, length, random);
            mix = mixed(speechTrack, Signals.scaled(noise, Math.pow(10, (noiseLevel - rmsDbfs(noise)) / 20)));
        }
        short[] audio = withCodec(Signals.pcm(mix), codec, random);
        String labels = String.join(",", file, label.name(), voice == null ? "" : "espeak-" + voice.name(),
                speech ? tenths(speechLevel) : "", speech ? tenths(speechLevel - noiseLevel) : "", background,
                digitalSilence ? "" : tenths(noiseLevel), codec, speech ? hundredths(onset) : "",
                hundredths(seconds));
        return new Generated(new Corpus.Clip(new LabelledClip(file, label, speech
                ? OptionalDouble.of(Math.round(onset * 100) / 100.0) : OptionalDouble.empty()), audio), labels);
    }

    static final String CSV_HEADER =
            "file,label,speaker,speech_level_dbfs,snr_db,noise,noise_level_dbfs,codec,speech_onset_s,duration_s";

    /** Sentences of one voice from {@code start}, one after another with short pauses, until {@code length}. */
    private double[] speechFrom(Voice voice, int start, int length, Random random) {
        double[] track = new double[length];
        int at = start;
        // A few speeds and pitches per voice, so that the utterances are synthesised once and reused.
        int speed = 145 + 30 * random.nextInt(2);
        int pitch = 35 + 30 * random.nextInt(2);
        int sentence = random.nextInt(voice.sentences().size());
        while (at < length) {
            double[] utterance = utterance(voice, sentence, speed, pitch);
            for (int i = 0; i < utterance.length && at + i < length; i++) {
                track[at + i] = utterance[i];
            }
            at += utterance.length + (int) ((0.2 + 0.3 * random.nextDouble()) * RATE);
            sentence = (sentence + 1) % voice.sentences().size();
        }
        return track;
    }

    /** An espeak-ng utterance at 8 kHz, trimmed to its speech, full scale as espeak-ng makes it. */
    private double[] utterance(Voice voice, int sentence, int speed, int pitch) {
        String key = voice.name() + "/" + sentence + "/" + speed + "/" + pitch;
        return utterances.computeIfAbsent(key, k -> {
            try {
                Path wav = Files.createTempFile("linecheck-voice", ".wav");
                try {
                    run(List.of("espeak-ng", "-v", voice.name(), "-s", Integer.toString(speed), "-p",
                            Integer.toString(pitch), "-w", wav.toString(), voice.sentences().get(sentence)));
                    AudioClip clip = Resampler.resample(WavFiles.read(wav).trimmedToSpeech(), RATE);
                    double[] samples = new double[clip.samples().length];
                    for (int i = 0; i < samples.length; i++) {
                        samples[i] = clip.samples()[i];
                    }
                    return samples;
                } finally {
                    Files.deleteIfExists(wav);
                }
            } catch (UnusableAudioException e) {
                throw new IllegalStateException("espeak-ng made no usable audio for " + key + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private double[] background(String kind, int length, Random random) {
        double seconds = (double) length / RATE;
        long seed = random.nextLong();
        return switch (kind) {
            case "white" -> Signals.whiteNoise(seconds, -20, seed);
            case "pink" -> Signals.pinkNoise(seconds, seed);
            case "brown" -> Signals.brownNoise(seconds, seed);
            case "hum" -> Signals.hum(seconds, 50, 1.0);
            case "buzz" -> Signals.hum(seconds, 60, 0.8);
            case "fan" -> Signals.modulated(Signals.lowPassed(Signals.whiteNoise(seconds, -20, seed), 0.15),
                    0.3, 4 + 8 * random.nextDouble());
            case "rumble" -> Signals.modulated(Signals.brownNoise(seconds, seed), 0.6, 0.3 + random.nextDouble());
            case "pluck-music" -> Signals.pluckedArpeggio(seconds, 90 + random.nextInt(70), seed);
            case "organ-music" -> Signals.organChords(seconds, 60 + random.nextInt(60), seed);
            case "clicks" -> Signals.crackle(seconds, 3 + 20 * random.nextDouble(), 0.5, seed);
            case "crackle" -> Signals.crackleBursts(seconds, 2 + 6 * random.nextDouble(), seed);
            case "babble" -> babble(length, 4 + random.nextInt(3), random);
            default -> throw new IllegalArgumentException("no background " + kind);
        };
    }

    /** Other people talking: several of the part's voices at once, each starting anywhere, at levels 6 dB apart. */
    private double[] babble(int length, int talkers, Random random) {
        double[] babble = new double[length];
        for (int talker = 0; talker < talkers; talker++) {
            Voice voice = part.voices.get(random.nextInt(part.voices.size()));
            double[] track = speechFrom(voice, 0, length + 3 * RATE, random);
            int shift = random.nextInt(3 * RATE);
            double gain = Math.pow(10, -6 * random.nextDouble() / 20);
            for (int i = 0; i < length; i++) {
                babble[i] += gain * track[i + shift];
            }
        }
        return babble;
    }

    private static short[] withCodec(short[] audio, String codec, Random random) {
        return switch (codec) {
            case "pcm" -> audio;
            case "ulaw" -> Alterations.muLawRoundTrip(audio);
            case "alaw" -> Alterations.aLawRoundTrip(audio);
            case "gsm" -> Alterations.gsmRoundTrip(audio);
            case "ulaw-loss" -> Alterations.packetLoss(Alterations.muLawRoundTrip(audio),
                    0.02 + 0.08 * random.nextDouble(), random.nextLong());
            default -> throw new IllegalArgumentException("no codec " + codec);
        };
    }

    /** RMS over the 20 ms frames within 35 dB of the loudest, in dBFS. */
    static double activeLevelDbfs(double[] speech) {
        int frames = speech.length / FRAME;
        double[] powers = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double energy = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                energy += speech[i] * speech[i];
            }
            powers[f] = energy / FRAME;
            loudest = Math.max(loudest, powers[f]);
        }
        double sum = 0;
        int active = 0;
        for (double power : powers) {
            if (power >= loudest * ACTIVE_WITHIN) {
                sum += power;
                active++;
            }
        }
        return 10 * Math.log10(sum / active);
    }

    private static double rmsDbfs(double[] signal) {
        double energy = 0;
        for (double value : signal) {
            energy += value * value;
        }
        return 10 * Math.log10(energy / signal.length);
    }

    private static double[] mixed(double[] a, double[] b) {
        double[] mix = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            mix[i] = a[i] + b[i];
        }
        return mix;
    }

    private static double uniform(Random random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static String tenths(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hundredths(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Runs a tool, failing with its name when it is missing or fails. */
    static void run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is needed to generate line-check material"
                    + " (apt-get install espeak-ng sox): " + e.getMessage(), e);
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.get(0), e);
        }
    }

    /** Whether the tools the material is made with are installed. */
    static boolean toolsInstalled() {
        for (String tool : List.of("espeak-ng", "sox")) {
            try {
                run(List.of(tool, "--version"));
            } catch (IOException | IllegalStateException e) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = RunOptions.parse(args, USAGE);
        Part part = Part.valueOf(options.getOrDefault("--part", "held-out").toUpperCase(Locale.ROOT).replace('-', '_'));
        Path out = Path.of(options.getOrDefault("--out", "/tmp/linecheck-" + part.name().toLowerCase(Locale.ROOT)
                .replace('_', '-')));
        int perClass = Integer.parseInt(options.getOrDefault("--per-class", "60"));
        Files.createDirectories(out);
        List<String> rows = new ArrayList<>(List.of(CSV_HEADER));
        for (Generated generated : generate(part, perClass)) {
            WavFiles.writeTelephone(generated.clip().audio(), out.resolve(generated.clip().labels().file()));
            rows.add(generated.csvRow());
        }
        Files.write(out.resolve("labels.csv"), rows);
        System.out.printf("%d clips and labels.csv in %s%n", rows.size() - 1, out);
    }
}
