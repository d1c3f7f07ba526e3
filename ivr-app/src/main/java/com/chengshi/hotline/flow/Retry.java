package com.chengshi.hotline.flow;

/** How often the hotline had to ask again in a call, by what it asked about. */
public enum Retry {
    SILENT,
    NOISY,
    QUIET,
    NO_INPUT,
    INVALID
}
