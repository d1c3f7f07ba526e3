package com.chengshi.hotline.flow;


import java.util.Optional;
import java.util.Set;

/**
 * Something for the team to follow up, with a call back: §10 and §13–14 a question (name and question), §12 a
 * complaint. What the caller says is recorded after a beep, the number to call back is confirmed or keyed in, then
 * the promise in the standard's words.
 */
final class TakeFollowUp implements Situation {

    private static final char CONFIRM = '1';
    private static final char ANOTHER_NUMBER = '2';

    private final FollowUp kind;
    private final Prompt ask;
    private final Prompt promise;
    private final Outcome outcome;

    TakeFollowUp(FollowUp kind, Prompt ask, Prompt promise, Outcome outcome) {
        this.kind = kind;
        this.ask = ask;
        this.promise = promise;
        this.outcome = outcome;
    }

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(ask);
        FlowProperties.Callback settings = call.settings.callback();
        String prefix = kind == FollowUp.COMPLAINT ? settings.complaintRecordingPrefix() : settings.recordingPrefix();
        String recording = prefix + "-" + call.details.uniqueId();
        call.call.record(recording, settings.maxRecording(), settings.recordingSilence());
        Optional<String> number = numberToCallBack(call, settings);
        if (number.isPresent()) {
            call.journal.callbackRequested(kind, number.get(), recording);
            call.promised(outcome);
            call.play(promise);
        } else {
            // A promise we could not keep is worse than none; what the caller said is kept for the team all the same.
            call.journal.questionWithoutNumber(kind, recording);
            call.play(Prompt.CALLBACK_NO_NUMBER);
        }
        return call.menuGaveUp ? Next.to(Step.GOODBYE) : Next.to(Step.ANYTHING_ELSE);
    }

    /** The caller's own number, confirmed, or one they key in; empty when neither could be had. */
    private static Optional<String> numberToCallBack(Conversation call, FlowProperties.Callback settings) {
        String callerNumber = call.details.callerNumber();
        if (isDialable(callerNumber)) {
            call.play(Prompt.CALLBACK_NUMBER_IS);
            call.call.sayNumber(callerNumber, "");
            Menu confirm = new Menu(Prompt.CALLBACK_CONFIRM_NUMBER, key -> key == CONFIRM || key == ANOTHER_NUMBER,
                    settings.keyTimeout(), settings.confirmRetries(), Prompt.MENU_NO_INPUT, Prompt.MENU_INVALID);
            // A caller who heard their number read back and did not ask for another is called back on it.
            if (!(confirm.offer(call, Optional.empty()) instanceof Menu.Choice.Chose chose)
                    || chose.key() == CONFIRM) {
                return Optional.of(callerNumber);
            }
        }
        for (int attempt = 0; attempt < settings.numberAttempts(); attempt++) {
            String keyed = call.call.readDigits(Prompt.CALLBACK_ENTER_NUMBER.id(), settings.keyTimeout(),
                    settings.maxNumberDigits());
            call.journal.digits(keyed);
            if (isDialable(keyed)) {
                return Optional.of(keyed);
            }
        }
        return isDialable(callerNumber) ? Optional.of(callerNumber) : Optional.empty();
    }

    private static boolean isDialable(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.ANYTHING_ELSE, Step.GOODBYE);
    }
}
