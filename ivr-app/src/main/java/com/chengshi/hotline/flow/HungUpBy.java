package com.chengshi.hotline.flow;

/** Who ended the call. The standard (§17) wants the caller to hang up first. */
public enum HungUpBy {
    CALLER,
    HOTLINE
}
