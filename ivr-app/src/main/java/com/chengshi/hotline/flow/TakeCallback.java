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
        String number = numberToCallBack(call, settings);
        call.journal.callbackRequested(number, recording);
        call.callbackTaken = true;
        call.play(Prompt.CALLBACK_NOTED);
        return call.menuGaveUp ? Next.to(Step.GOODBYE) : Next.to(Step.ANYTHING_ELSE);
    }

    private static String numberToCallBack(Conversation call, FlowProperties.Callback settings) {
        String callerNumber = call.details.callerNumber();
        if (isDialable(callerNumber)) {
            call.play(Prompt.CALLBACK_NUMBER_IS);
            call.call.sayNumber(callerNumber, "");
            String answer = call.call.readDigits(Prompt.CALLBACK_CONFIRM_NUMBER.id(), settings.keyTimeout(), 1);
            call.journal.digits(answer);
            if (!"2".equals(answer)) {
                return callerNumber;
            }
        }
        for (int attempt = 0; attempt < settings.numberAttempts(); attempt++) {
            String keyed = call.call.readDigits(Prompt.CALLBACK_ENTER_NUMBER.id(), settings.keyTimeout(),
                    settings.maxNumberDigits());
            call.journal.digits(keyed);
            if (isDialable(keyed)) {
                return keyed;
            }
        }
        return isDialable(callerNumber) ? callerNumber : null;
    }

    private static boolean isDialable(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }

    @Override
    public Set<Step> leadsTo() {
        return Set.of(Step.ANYTHING_ELSE, Step.GOODBYE);
    }
}
