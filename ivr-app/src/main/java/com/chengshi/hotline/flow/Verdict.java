package com.chengshi.hotline.flow;

/** What a listener hears on the line, in the standard's terms (§2 silent, §3 noisy, §4 too quiet). */
public enum Verdict {
    /** Speech at a comfortable level over a quiet background. */
    CLEAR,
    /** Speech, but too faint to follow (§4). */
    QUIET,
    /** Speech drowned in noise, or loud noise alone (§3). */
    NOISY,
    /** No speech at all (§2). */
    SILENT
}
