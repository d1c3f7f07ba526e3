package com.chengshi.hotline.flow;

import java.time.Duration;
import java.util.Optional;

/**
 * What the call flow can do on one call. The AGI adapter drives a real Asterisk channel through it; tests and the
 * WAV simulator implement it too. Every method throws {@link CallerHungUpException} once the caller has hung up.
 * Prompts are named by their catalogue id; the port finds the audio in the call's language.
 */
public interface CallPort {

    void answer();

    /** Plays a prompt to the end, or until the caller presses one of {@code escapeDigits} (returned). */
    Optional<Character> play(String promptId, String escapeDigits);

    /**
     * Reads a phone number out in the call's language, digit by digit in groups, or until the caller presses one of
     * {@code escapeDigits}.
     */
    Optional<Character> sayNumber(String number, String escapeDigits);

    /** Waits for one key; empty when {@code timeout} passes without one. */
    Optional<Character> waitForDigit(Duration timeout);

    /**
     * Plays a prompt and collects up to {@code maxDigits} keys, ended by '#' or by {@code timeout} between keys.
     * Returns the keys pressed, possibly empty.
     */
    String readDigits(String promptId, Duration timeout, int maxDigits);

    /** Records the caller to {@code name} (no extension) after a beep, until '#', silence or {@code maxLength}. */
    void record(String name, Duration maxLength, Duration silence);

    void startHoldMusic(String musicClass);

    void stopHoldMusic();

    /** Sets the gain of what the caller hears, in dB steps as Asterisk's VOLUME(TX) takes them. */
    void setTalkVolume(int gain);

    /** Runs a dialplan application (e.g. AudioSocket) and returns its result code. */
    int runApplication(String application, String... args);

    /**
     * Puts the caller in the agents' queue {@code queue} for at most {@code maxWait}.
     *
     * @throws CallerHungUpException if the caller hangs up while waiting in it
     */
    QueueResult queue(String queue, Duration maxWait);

    void setVariable(String name, String value);

    /** Hangs up the channel from our side. */
    void hangup();
}
