package com.chengshi.hotline.flow;

import java.util.Optional;

/** The survey's answer: how the caller rated the service, by the key they pressed. */
public enum Satisfaction {
    SATISFIED('1'),
    FAIR('2'),
    DISSATISFIED('3');

    private final char key;

    Satisfaction(char key) {
        this.key = key;
    }

    static Optional<Satisfaction> byKey(char key) {
        for (Satisfaction answer : values()) {
            if (answer.key == key) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }
}
