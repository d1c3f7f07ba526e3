package com.chengshi.hotline.flow;

/** What a caller left for the team to follow up: a question to call back about (§10), or a complaint (§12). */
public enum FollowUp {
    CALLBACK,
    COMPLAINT
}
