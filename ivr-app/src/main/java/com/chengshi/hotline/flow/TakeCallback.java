package com.chengshi.hotline.flow;

import java.util.Optional;
import java.util.Set;

/** §10, §13–14: the caller's name and question, the number to call back (confirmed or keyed in), then the promise. */
final class TakeCallback implements Situation {

    @Override
    public Next handle(Conversation call, Optional<Character> key) {
        call.play(Prompt.CALLBACK_LEAVE_NAME_AND_QUESTION);
        FlowProperties.Callback settings = call.settings.callback();
        String recording = settings.recordingPrefix() + "-" + call.details.uniqueId();
        call.call.record(recording, settings.maxRecording(), settings.recordingSilence());
        Optional<String> number = numberToCallBack(call, settings);
        if (number.isPresent()) {
            call.journal.callbackRequested(number.get(), recording);
            call.callbackTaken = true;
            call.play(Prompt.CALLBACK_NOTED);
        } else {
            // A promise we could not keep is worse than none; the question is kept for the team all the same.
            call.journal.questionWithoutNumber(recording);
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
            String answer = call.call.readDigits(Prompt.CALLBACK_CONFIRM_NUMBER.id(), settings.keyTimeout(), 1);
            call.journal.digits(answer);
            if (!"2".equals(answer)) {
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
