package com.chengshi.hotline.simulate;

import com.chengshi.hotline.flow.CallJournal;
import com.chengshi.hotline.flow.FollowUp;
import com.chengshi.hotline.flow.HungUpBy;
import com.chengshi.hotline.flow.LineReport;
import com.chengshi.hotline.flow.Outcome;
import com.chengshi.hotline.flow.Retry;
import com.chengshi.hotline.flow.Satisfaction;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Writes a simulated call to the call log and prints it as a readable transcript as it goes. */
final class TranscriptJournal implements CallJournal {

    private final CallJournal callLog;
    private final PrintStream out;
    private final LongSupplier elapsedMs;
    private final Function<String, String> promptText;

    TranscriptJournal(CallJournal callLog, PrintStream out, LongSupplier elapsedMs,
                      Function<String, String> promptText) {
        this.callLog = callLog;
        this.out = out;
        this.elapsedMs = elapsedMs;
        this.promptText = promptText;
    }

    private void say(String what) {
        out.printf(Locale.ROOT, "%8.2fs  %-30s %s%n", elapsedMs.getAsLong() / 1000.0, callLog.currentStep(), what);
    }

    @Override
    public void answered() {
        callLog.answered();
        say("answered");
    }

    @Override
    public void step(String step) {
        callLog.step(step);
    }

    @Override
    public void prompt(String promptId) {
        callLog.prompt(promptId);
        say("plays " + promptId + ": " + promptText.apply(promptId));
    }

    @Override
    public void digits(String digits) {
        callLog.digits(digits);
        say("caller keys " + (digits.isEmpty() ? "nothing" : digits));
    }

    @Override
    public void heard(LineReport report) {
        callLog.heard(report);
        say(String.format(Locale.ROOT, "hears %s: speech %.1f dBFS, noise %.1f dBFS, SNR %.1f dB, decided after %d ms%s",
                report.verdict(), report.speechLevelDbfs(), report.noiseFloorDbfs(), report.snrDb(),
                report.decisionMs(), report.pressedKey() ? ", caller pressed " + report.digit() : ""));
    }

    @Override
    public void note(String detail) {
        callLog.note(detail);
        say(detail);
    }

    @Override
    public void retry(Retry kind) {
        callLog.retry(kind);
    }

    @Override
    public void callbackRequested(FollowUp kind, String callbackNumber, String recording) {
        callLog.callbackRequested(kind, callbackNumber, recording);
        say(kind.name().toLowerCase() + " stored, to call back on " + callbackNumber);
    }

    @Override
    public void questionWithoutNumber(FollowUp kind, String recording) {
        callLog.questionWithoutNumber(kind, recording);
        say(kind.name().toLowerCase() + " stored without a number to call back");
    }

    @Override
    public void rated(Satisfaction answer) {
        callLog.rated(answer);
        say("rated the service: " + answer);
    }

    @Override
    public void ended(Outcome outcome, HungUpBy hungUpBy) {
        callLog.ended(outcome, hungUpBy);
        say("call ended: " + outcome + (hungUpBy == null ? "" : ", hung up by " + hungUpBy));
    }

    @Override
    public String currentStep() {
        return callLog.currentStep();
    }

    @Override
    public Outcome outcome() {
        return callLog.outcome();
    }
}
