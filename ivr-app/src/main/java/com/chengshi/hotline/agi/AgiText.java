package com.chengshi.hotline.agi;

/**
 * Makes values safe to put into an AGI command. asterisk-java quotes every argument and escapes quotes and
 * backslashes; what it lets through is control characters (a CR is not a line end for Asterisk, but is kept in the
 * value) and, in EXEC, commas and pipes that would split one argument into several.
 */
final class AgiText {

    private AgiText() {
    }

    /** The value without control characters (CR, LF, NUL, ...). */
    static String plain(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().filter(c -> !Character.isISOControl(c)).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    /** One argument of a dialplan application: plain, and refused if it would split into several. */
    static String argument(String value) {
        String safe = plain(value);
        if (safe.indexOf(',') >= 0 || safe.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a dialplan argument may not contain ',' or '|': " + safe);
        }
        return safe;
    }
}
