package com.chengshi.hotline.flow;

/** How a call ended, as the call log records it. */
public enum Outcome {
    /** The caller was served and the call ended with the goodbye of §17. */
    COMPLETED,
    /** §2: no sound from the caller after the re-asks and the goodbye. */
    SILENT_LINE,
    /** §3: the line stayed too noisy. */
    NOISY_LINE,
    /** §4: the caller stayed too faint. */
    QUIET_LINE,
    /** §6: the caller still could not hear us at the highest volume. */
    LINE_PROBLEM,
    /** The caller hung up before the flow ended the call. */
    CALLER_HUNG_UP,
    /** §10: the caller left a callback request. */
    CALLBACK_REQUESTED,
    /** §12: the caller's complaint was recorded and a follow-up promised. */
    COMPLAINT_RECORDED,
    /** The caller was put through to an agent. */
    TRANSFERRED,
    /** All lines were busy: the caller heard so and was asked to call again. */
    OVER_CAPACITY,
    /** Something on our side failed; the caller was handed back to the dialplan. */
    APP_ERROR,
    /** The call was cut off by a shutdown or a crash of the hotline. */
    INTERRUPTED,
    /** §15: a called-back customer asked to be called again later, or no agent was free: the dialer calls again. */
    CALL_BACK_LATER,
    /** §15: a called-back customer answered but pressed neither key (perhaps a voicemail): the dialer calls again. */
    NOT_CONFIRMED,
    /** A call back that found the number busy. */
    BUSY,
    /** A call back that rang out unanswered. */
    NO_ANSWER,
    /** A call back Asterisk could not place (no such endpoint, the trunk refused it, no AMI connection). */
    DIAL_FAILED
}
