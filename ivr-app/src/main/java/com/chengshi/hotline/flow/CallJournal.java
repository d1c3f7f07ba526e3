package com.chengshi.hotline.flow;


/**
 * One call's record, written as the call goes so that a crash leaves everything up to that moment.
 * The call log implements it on H2; flow tests implement it in memory.
 */
public interface CallJournal {

    void answered();

    /** The flow entered a step of the standard, e.g. {@code greeting} or {@code silent-line}. */
    void step(String step);

    void prompt(String promptId);

    void digits(String digits);

    void heard(LineReport report);

    /** Anything else worth one line in the call's history (a volume change, a missing prompt, ...). */
    void note(String detail);

    void retry(Retry kind);

    /** §10, §12: a call back was promised to {@code callbackNumber}; what the caller said is in {@code recording}. */
    void callbackRequested(FollowUp kind, String callbackNumber, String recording);

    /** The caller left a question or complaint but no number could be had: nothing was promised, it is kept. */
    void questionWithoutNumber(FollowUp kind, String recording);

    /** The caller's answer to the satisfaction survey. */
    void rated(Satisfaction answer);

    /** Closes the record; later calls are ignored, so the first way a call ended is the one kept. */
    void ended(Outcome outcome, HungUpBy hungUpBy);

    /** The step the call is in now, for the log line that says where it ended. */
    String currentStep();

    /** How the call ended, or null while it goes on. */
    Outcome outcome();
}
