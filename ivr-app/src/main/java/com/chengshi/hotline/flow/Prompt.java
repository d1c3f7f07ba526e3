package com.chengshi.hotline.flow;

/** Every prompt the call flow plays, by its id in the prompt catalogue ({@code prompts/catalogue.yml}). */
public enum Prompt {
    GREETING("greeting"),
    GREETING_MORNING("greeting-morning"),
    GREETING_AFTERNOON("greeting-afternoon"),
    GREETING_EVENING("greeting-evening"),
    /** The default festive greetings (hotline.flow.festive-greetings). */
    GREETING_HOLIDAY("greeting-holiday"),
    GREETING_NEW_YEAR("greeting-new-year"),
    SILENT_ASK_AGAIN("silent-ask-again"),
    SILENT_GOODBYE("silent-goodbye"),
    NOISY_DIAL_AGAIN("noisy-dial-again"),
    NOISY_OTHER_PHONE("noisy-other-phone"),
    QUIET_SPEAK_UP("quiet-speak-up"),
    QUIET_OTHER_PHONE("quiet-other-phone"),
    MENU("menu"),
    MENU_NO_INPUT("menu-no-input"),
    MENU_INVALID("menu-invalid"),
    NOTE_THIS_DOWN("note-this-down"),
    HEAR_IT_AGAIN("hear-it-again"),
    SORRY("sorry"),
    LOUDER_IS_THIS_BETTER("louder-is-this-better"),
    LOUDER_LINE_PROBLEM("louder-line-problem"),
    HOLD_PLEASE_WAIT("hold-please-wait"),
    HOLD_STILL_WAITING("hold-still-waiting"),
    HOLD_SORRY_KEPT_WAITING("hold-sorry-kept-waiting"),
    ALL_LINES_BUSY("all-lines-busy"),
    CALLBACK_LEAVE_NAME_AND_QUESTION("callback-leave-name-and-question"),
    CALLBACK_NUMBER_IS("callback-number-is"),
    CALLBACK_CONFIRM_NUMBER("callback-confirm-number"),
    CALLBACK_ENTER_NUMBER("callback-enter-number"),
    CALLBACK_NOTED("callback-noted"),
    CALLBACK_NO_NUMBER("callback-no-number"),
    COMPLAINT_TELL_US("complaint-tell-us"),
    COMPLAINT_NOTED("complaint-noted"),
    ANYTHING_ELSE("anything-else"),
    SURVEY("survey"),
    GOODBYE("goodbye");

    private final String id;

    Prompt(String id) {
        this.id = id;
    }

    /** The catalogue id, which is also the audio file's base name. */
    public String id() {
        return id;
    }
}
