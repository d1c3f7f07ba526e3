package com.chengshi.hotline.simulate;

import com.chengshi.hotline.ServesCalls;
import com.chengshi.hotline.IvrApplication;
import com.chengshi.hotline.audio.UnusableAudioException;
import com.chengshi.hotline.audio.WavFiles;
import com.chengshi.hotline.calllog.CallLog;
import com.chengshi.hotline.flow.CallDetails;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.flow.HotlineFlow;
import com.chengshi.hotline.linecheck.LineCheckProperties;
import com.chengshi.hotline.prompts.PromptLibrary;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Runs the whole hotline on a recorded caller, without a PBX: the caller's voice comes from a WAV, what the caller
 * would hear goes to another, the call is written to the call log and told as a transcript.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs the hotline's call flow on a recorded caller: no Asterisk needed.")
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CALLER.wav", description = "what the caller says when the hotline listens, continuing "
            + "where it left off at each listen (8 kHz mono is native; others are converted)")
    Path callerRecording;

    @Option(names = "--heard", paramLabel = "FILE", defaultValue = "${sys:java.io.tmpdir}/hotline-heard.wav",
            description = "where to write what the caller hears (default: ${DEFAULT-VALUE})")
    Path heardRecording;

    @Option(names = "--call-log", description = "write the call into the hotline's own call log (hotline.data-dir)"
            + " rather than a temporary one, which also lets simulate run beside a running hotline")
    boolean intoCallLog;

    @Option(names = "--seat", defaultValue = "1", description = "the seat the greeting names (default: ${DEFAULT-VALUE})")
    int seat;

    @Option(names = "--caller-number", defaultValue = "simulated",
            description = "the caller ID, which a callback request reads back (default: ${DEFAULT-VALUE}, none)")
    String callerNumber;

    @Option(names = "--lang", defaultValue = "zh-CN", description = "zh-CN or en-US (default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--press", paramLabel = "PROMPT=KEY",
            description = "the caller presses KEY while PROMPT plays, e.g. --press menu=1")
    Map<String, Character> keysDuringPrompt = new LinkedHashMap<>();

    @Option(names = "--keys", split = ",", paramLabel = "KEYS",
            description = "what the caller keys each time the hotline waits for keys, in order; empty for none")
    List<String> keysWhenAsked = new ArrayList<>();

    @Option(names = "--hang-up-after", paramLabel = "SECONDS",
            description = "the caller hangs up this many seconds into the call (default: never, we hang up)")
    Double hangUpAfterSeconds;

    @Option(names = "--set", paramLabel = "PROPERTY=VALUE",
            description = "any hotline setting, e.g. --set hotline.flow.hangup-grace=3s")
    Map<String, String> settings = new LinkedHashMap<>();

    private final PrintStream out;

    public SimulateCommand() {
        this(System.out);
    }

    SimulateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        short[] callerVoice;
        try {
            callerVoice = WavFiles.readTelephone(callerRecording);
        } catch (UnusableAudioException e) {
            System.err.println(callerRecording + ": " + e.getMessage());
            return 2;
        }
        try (ConfigurableApplicationContext app = hotlineWithoutServers()) {
            PromptLibrary library = app.getBean(PromptLibrary.class);
            List<String> languages = library.languages(language);
            String callLanguage = languages.get(0);
            PromptAudio prompts = new PromptAudio(library, languages, seat);
            Duration hangUpAfter = hangUpAfterSeconds == null ? null
                    : Duration.ofMillis(Math.round(hangUpAfterSeconds * 1000));
            RecordedCall call = new RecordedCall(callerVoice, prompts, app.getBean(LineCheckProperties.class),
                    keysDuringPrompt, keysWhenAsked, hangUpAfter, Instant.now());
            CallDetails details = new CallDetails("simulated-" + System.currentTimeMillis(),
                    "Simulated/" + callerRecording.getFileName(), callerNumber, "", "simulated", seat, callLanguage);
            out.println("Simulated call " + details.uniqueId() + " from " + callerRecording + " to seat " + seat
                    + " (" + callLanguage + ")");
            HotlineFlow flow = new HotlineFlow(app.getBean(FlowProperties.class), call, library, call);
            app.getBean(CallLog.class).record(details, record -> {
                flow.serve(call, new TranscriptJournal(record, out, call::elapsedMs, prompts::text), details);
                return record;
            });
            call.heard().writeWav(heardRecording);
            out.printf("What the caller heard (%.1f s) is in %s; the call is %s as %s.%n",
                    call.heard().lengthMs() / 1000.0, heardRecording,
                    intoCallLog ? "in the call log" : "in a temporary call log (--call-log keeps it)",
                    details.uniqueId());
            return 0;
        }
    }

    /** The application's configuration, call log and prompts, with neither the FastAGI nor the AudioSocket server. */
    private ConfigurableApplicationContext hotlineWithoutServers() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!intoCallLog) {
            // The hotline's own H2 file is locked while it runs, and a trial call does not belong in its log.
            properties.put("spring.datasource.url", "jdbc:h2:mem:simulate-" + UUID.randomUUID());
        }
        // A node of its own: its start must not close the open calls of a hotline that runs here under the host name.
        properties.put("hotline.node-id", "simulate-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put("spring.main.lazy-initialization", "true");
        properties.put("logging.level.root", "WARN");
        // Closing the context cuts the prompt library's background render short; that is expected here.
        properties.put("logging.level.com.chengshi.hotline.prompts", "ERROR");
        properties.putAll(settings);
        // As command-line arguments, so that they win over application.yml like the server's own options do.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(IvrApplication.class).web(WebApplicationType.NONE)
                .profiles(ServesCalls.SIMULATION).run(args);
    }
}
