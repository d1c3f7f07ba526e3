package com.chengshi.hotline.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The console for the people who run the hotline (docs/console.md).
 *
 * @param usersFile      who may log in, with their role and a BCrypt hash of their password ({@code users add})
 * @param promiseWindow  §10: how soon a promised callback must be made; older open ones are overdue
 * @param dialplanDir    the hotline's Asterisk files the Dialplan page checks (the admin's copy, e.g.
 *                       /etc/asterisk/hotline)
 * @param answerWithin   §1 "answer at once": a call counts as answered at once when the hotline answered it within
 *                       this of reaching it
 */
@ConfigurationProperties("hotline.console")
public record ConsoleProperties(
        Path usersFile,
        @DefaultValue("4h") Duration promiseWindow,
        @DefaultValue("dialplan") Path dialplanDir,
        @DefaultValue("3s") Duration answerWithin) {
}
