package com.chengshi.hotline.agi;

import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.CallPort;
import com.chengshi.hotline.flow.CallerHungUpException;
import com.chengshi.hotline.flow.QueueResult;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The call flow's port on a real Asterisk channel, one AGI command at a time. It talks to asterisk-java's reader and
 * writer directly rather than through AgiChannel, whose synchronized sendCommand would pin a virtual thread to its
 * carrier for the length of every command on JDKs before 24.
 */
final class AgiCallPort implements CallPort {

    private static final Logger log = LoggerFactory.getLogger(AgiCallPort.class);

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+(\\([A-Za-z0-9_,]*\\))?");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]*");
    private static final Pattern RESULT_CODE = Pattern.compile("-?[0-9]{1,9}");
    private static final String QUEUE_STATUS = "QUEUESTATUS";

    private final AgiReader reader;
    private final AgiWriter writer;
    private final AsteriskVersion version;
    private final PromptFiles prompts;
    private final CallJournal journal;
    private final List<String> languages;
    private final int seat;
    private boolean hungUp;

    AgiCallPort(AgiReader reader, AgiWriter writer, AsteriskVersion version, PromptFiles prompts,
                CallJournal journal, List<String> languages, int seat) {
        this.reader = reader;
        this.writer = writer;
        this.version = version;
        this.prompts = prompts;
        this.journal = journal;
        this.languages = languages;
        this.seat = seat;
    }

    /** The record of the call this port serves. */
    CallJournal journal() {
        return journal;
    }

    boolean callerHungUp() {
        return hungUp;
    }

    @Override
    public void answer() {
        send(new AnswerCommand());
    }

    @Override
    public Optional<Character> play(String promptId, String escapeDigits) {
        Optional<String> file = audioOf(promptId);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return key(send(new StreamFileCommand(file.get(), digits(escapeDigits))));
    }

    /**
     * Our own voice in the call's language; Asterisk's SAY DIGITS only when no language of ours can say it, as it
     * speaks the channel's language (usually English) with Asterisk's own sounds.
     */
    @Override
    public Optional<Character> sayNumber(String number, String escapeDigits) {
        for (String language : languages) {
            Optional<String> file = prompts.numberAudio(number, language);
            if (file.isPresent()) {
                try {
                    return key(send(new StreamFileCommand(AgiText.plain(file.get()), digits(escapeDigits))));
                } finally {
                    deleteSpokenNumber(file.get());
                }
            }
        }
        journal.note("no voice of ours reads numbers in " + languages + "; Asterisk's own digits instead");
        return key(send(new SayDigitsCommand(number.replaceAll("[^0-9]", ""), digits(escapeDigits))));
    }

    /** A caller's number is not kept on disk once it has been said. */
    private static void deleteSpokenNumber(String file) {
        try {
            Files.deleteIfExists(Path.of(file + ".wav"));
        } catch (IOException e) {
            log.warn("Could not delete the spoken number {}.wav: {}", file, e.getMessage());
        }
    }

    @Override
    public Optional<Character> waitForDigit(Duration timeout) {
        return key(send(new WaitForDigitCommand(timeout.toMillis())));
    }

    @Override
    public String readDigits(String promptId, Duration timeout, int maxDigits) {
        // GET DATA with a missing file still waits for keys; "silence/1" is Asterisk's own one second of silence.
        String file = audioOf(promptId).orElse("silence/1");
        AgiReply reply = send(new GetDataCommand(file, timeout.toMillis(), maxDigits));
        String keyed = reply.getResult();
        return DIGITS.matcher(keyed).matches() ? keyed : "";
    }

    /** Our own beep, then the recording; Asterisk's beep only when ours is missing (it needs Asterisk's sounds). */
    @Override
    public void record(String name, Duration maxLength, Duration silence) {
        Optional<String> beep = prompts.beep();
        beep.ifPresent(file -> send(new StreamFileCommand(AgiText.plain(file), "")));
        send(new RecordFileCommand(AgiText.plain(name), "wav", "#", (int) maxLength.toMillis(), 0, beep.isEmpty(),
                (int) silence.toSeconds()));
    }

    @Override
    public void startHoldMusic(String musicClass) {
        send(new SetMusicOnCommand(AgiText.plain(musicClass)));
    }

    @Override
    public void stopHoldMusic() {
        send(new SetMusicOffCommand());
    }

    @Override
    public void setTalkVolume(int gain) {
        setVariable("VOLUME(TX)", Integer.toString(gain));
    }

    @Override
    public int runApplication(String application, String... args) {
        String[] safeArgs = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            safeArgs[i] = AgiText.argument(args[i]);
        }
        return send(new ExecCommand(AgiText.argument(application), safeArgs)).getResultCode();
    }

    /**
     * app_queue as a real Asterisk 22 answers it (captures 15 and 15b): QUEUESTATUS names a wait that ended without an
     * agent; an agent who answered leaves it unset and Queue returns -1 once the agent hangs up (0 with option c and
     * CONTINUE), and a caller who hangs up in the queue leaves it unset too, with -1 and a dead channel. QUEUESTATUS is
     * cleared first, as a second wait on the same call would otherwise read the first one's.
     */
    @Override
    public QueueResult queue(String queue, Duration maxWait) {
        setVariable(QUEUE_STATUS, "");
        int result = runApplication("Queue", queue, "", "", "", Long.toString(Math.max(1, maxWait.toSeconds())));
        AgiReply status = send(new GetVariableCommand(QUEUE_STATUS));
        String value = status.getResultCode() == 1 && status.getExtra() != null ? status.getExtra() : "";
        return switch (value) {
            case "TIMEOUT" -> QueueResult.TIMED_OUT;
            case "FULL" -> QueueResult.FULL;
            case "JOINEMPTY", "LEAVEEMPTY", "JOINUNAVAIL", "LEAVEUNAVAIL" -> QueueResult.NO_AGENTS;
            case "CONTINUE" -> QueueResult.ANSWERED;
            case "" -> {
                if (result == -1) {
                    // 511 on a channel the caller left (15b); answered, up until the dialplan hangs it up (15c).
                    channelIsUp();
                }
                yield QueueResult.ANSWERED;
            }
            default -> throw new AgiProtocolException("Asterisk's Queue ended with QUEUESTATUS '" + AgiText.plain(value)
                    + "', which app_queue does not set");
        };
    }

    @Override
    public void setVariable(String name, String value) {
        send(new SetVariableCommand(variableName(name), AgiText.plain(value)));
    }

    @Override
    public void hangup() {
        send(new HangupCommand());
    }

    private Optional<String> audioOf(String promptId) {
        for (String language : languages) {
            Optional<String> file = prompts.playable(promptId, language, seat);
            if (file.isPresent()) {
                return file.map(AgiText::plain);
            }
        }
        journal.note("prompt " + promptId + " has no audio in " + languages + "; skipped");
        return Optional.empty();
    }

    /**
     * Sends one command and reads its reply. Asterisk answers a command on a hung-up channel with 511 (and a played
     * file or a wait with result -1), which ends the flow as a hang-up, not as an error.
     */
    private AgiReply send(AbstractAgiCommand command) {
        if (hungUp && !allowedOnDeadChannel(command)) {
            throw new CallerHungUpException();
        }
        command.setAsteriskVersion(version);
        AgiReply reply;
        try {
            writer.sendCommand(command);
            reply = reader.readReply();
        } catch (AgiHangupException e) {
            throw new AgiConnectionLostException("Asterisk closed the connection", e);
        } catch (AgiException e) {
            throw new AgiConnectionLostException(e.getMessage(), e);
        } catch (AgiProtocolException e) {
            throw new AgiProtocolException("Asterisk's reply to '" + command.buildCommand().strip() + "' has "
                    + e.getMessage());
        }
        switch (reply.getStatus()) {
            case AgiReply.SC_SUCCESS -> {
                requireReadable(command, reply);
                // Exactly "-1": GET DATA's "200 result= (timeout)" also reads as code -1 in asterisk-java (capture 03).
                if ("-1".equals(reply.getResult()) && endsOnHangup(command)) {
                    if (command instanceof StreamFileCommand && "0".equals(reply.getAttribute("endpos"))
                            && channelIsUp()) {
                        throw new AgiProtocolException("Asterisk could not play '" + command.buildCommand()
                                + "' (" + firstLine(reply) + "): the file is missing, not readable by the user"
                                + " Asterisk runs as, or not in a format it plays");
                    }
                    hungUp = true;
                    throw new CallerHungUpException();
                }
                return reply;
            }
            case AgiReply.SC_DEAD_CHANNEL -> {
                hungUp = true;
                throw new CallerHungUpException();
            }
            default -> throw new AgiProtocolException("Asterisk refused '" + command.buildCommand().strip() + "': "
                    + firstLine(reply));
        }
    }

    /**
     * A result we cannot read is a protocol error, never taken for a hang-up or a key: GET DATA answers with the keys
     * pressed (up to 20 digits, or empty with "(timeout)", capture 03), every other command with a number.
     */
    private static void requireReadable(AbstractAgiCommand command, AgiReply reply) {
        String result = reply.getResult();
        boolean readable = command instanceof GetDataCommand
                ? result != null && ("-1".equals(result) || DIGITS.matcher(result).matches()
                        && (!result.isEmpty() || "timeout".equals(reply.getExtra())))
                : result != null && RESULT_CODE.matcher(result).matches();
        if (!readable) {
            throw new AgiProtocolException("Asterisk's reply to '" + command.buildCommand().strip() + "' cannot be"
                    + " read: " + firstLine(reply));
        }
    }

    /** The reply's first line as the log and the call log can take it: whoever sent it, it may be anything. */
    private static String firstLine(AgiReply reply) {
        String line = AgiText.plain(reply.getFirstLine());
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /**
     * STREAM FILE answers "200 result=-1 endpos=0" both for a file it cannot play (capture 14) and for a caller who hung
     * up before its first sample; only the channel itself can tell (511 when it is gone, capture 07).
     */
    private boolean channelIsUp() {
        send(new ChannelStatusCommand());
        return true;
    }

    /** Commands whose result -1 means the channel hung up (for EXEC and GET VARIABLE it means something else). */
    private static boolean endsOnHangup(AbstractAgiCommand command) {
        return command instanceof StreamFileCommand || command instanceof WaitForDigitCommand
                || command instanceof GetDataCommand || command instanceof SayDigitsCommand
                || command instanceof RecordFileCommand || command instanceof AnswerCommand;
    }

    /** What Asterisk still answers after a hang-up ({@code agi show commands}, the Dead column). */
    private static boolean allowedOnDeadChannel(AbstractAgiCommand command) {
        return command instanceof SetVariableCommand || command instanceof GetVariableCommand
                || command instanceof ExecCommand;
    }

    private static Optional<Character> key(AgiReply reply) {
        int code = reply.getResultCode();
        return code > 0 ? Optional.of((char) code) : Optional.empty();
    }

    private static String digits(String keys) {
        if (!DIGITS.matcher(keys).matches()) {
            throw new IllegalArgumentException("not phone keys: " + keys);
        }
        return keys;
    }

    private static String variableName(String name) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a channel variable name: " + name);
        }
        return name;
    }
}
