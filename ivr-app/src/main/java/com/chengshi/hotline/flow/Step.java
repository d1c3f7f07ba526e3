package com.chengshi.hotline.flow;


/**
 * The steps of a call: the table {@link HotlineFlow} follows, one situation of the phone-service standard each. An id
 * is a data contract ({@code call_event.step}, {@code hotline_call.ended_in_step}); each situation says what comes
 * next, and docs/flow.md draws the machine from this table.
 */
public enum Step {
    /** §1: answer at once, name the company and the seat. */
    GREETING("greeting", new AnswerWithGreeting()),
    /** §2–4: listen to the line. */
    LINE_CHECK("line-check", new CheckTheLine()),
    /** §2: a silent line is asked again. */
    SILENT_LINE("silent-line", new AskAgain(Retry.SILENT, Prompt.SILENT_ASK_AGAIN)),
    /** §2, steps 3–4: goodbye, and a last listen. */
    SILENT_LINE_GOODBYE("silent-line-goodbye", new SilentLineGoodbye()),
    /** §3: a noisy line is asked to dial again. */
    NOISY_LINE("noisy-line", new AskAgain(Retry.NOISY, Prompt.NOISY_DIAL_AGAIN)),
    /** §3: still noisy: another phone, please. */
    NOISY_LINE_GOODBYE("noisy-line-goodbye", new OtherPhoneGoodbye(Prompt.NOISY_OTHER_PHONE, Outcome.NOISY_LINE)),
    /** §4: a faint caller is asked to speak up. */
    QUIET_CALLER("quiet-caller", new AskAgain(Retry.QUIET, Prompt.QUIET_SPEAK_UP)),
    /** §4: still faint: another phone, please. */
    QUIET_CALLER_GOODBYE("quiet-caller-goodbye", new OtherPhoneGoodbye(Prompt.QUIET_OTHER_PHONE, Outcome.QUIET_LINE)),
    /** §9: the service menu by key. */
    MENU("menu", new ServiceMenu()),
    /** A menu key that plays information. */
    INFORMATION("information", new Information()),
    /** §6: the caller cannot hear us. */
    CALLER_CANNOT_HEAR_US("caller-cannot-hear-us", new CallerCannotHearUs()),
    /** §8, §10: waiting for an agent, kept informed. */
    HOLD("hold", new Hold()),
    /** §10, §13–14: name, question and number for a callback. */
    CALLBACK("callback", new TakeFollowUp(FollowUp.CALLBACK, Prompt.CALLBACK_LEAVE_NAME_AND_QUESTION,
            Prompt.CALLBACK_NOTED, Outcome.CALLBACK_REQUESTED)),
    /** §12: an upset caller's complaint, recorded, with the promise of a follow-up. */
    COMPLAINT("complaint", new TakeFollowUp(FollowUp.COMPLAINT, Prompt.COMPLAINT_TELL_US, Prompt.COMPLAINT_NOTED,
            Outcome.COMPLAINT_RECORDED)),
    /** §17: anything else? */
    ANYTHING_ELSE("anything-else", new AnythingElse()),
    /** Measuring the service: a served caller rates it by key, once. */
    SURVEY("survey", new Survey()),
    /** §17: thanks and goodbye. */
    GOODBYE("goodbye", new Goodbye()),
    /** §17: the caller hangs up first; we only after the grace. */
    WAITING_FOR_CALLER_TO_HANG_UP("waiting-for-caller-to-hang-up", new WaitForCallerToHangUp()),
    /** §8: a call beyond capacity is told all lines are busy. */
    ALL_LINES_BUSY("all-lines-busy", new AllLinesBusy());

    private final String id;
    private final Situation situation;

    Step(String id, Situation situation) {
        this.id = id;
        this.situation = situation;
    }

    /** The step's name in the call log. */
    public String id() {
        return id;
    }

    Situation situation() {
        return situation;
    }
}
