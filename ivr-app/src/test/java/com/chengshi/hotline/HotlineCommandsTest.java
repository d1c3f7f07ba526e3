package com.chengshi.hotline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HotlineCommandsTest {

    @Test
    void helpAndVersionAreAnsweredNotTakenForServerSettings() {
        assertThat(HotlineCommands.isCommand(new String[]{"--help"})).isTrue();
        assertThat(HotlineCommands.isCommand(new String[]{"--version"})).isTrue();
        assertThat(HotlineCommands.isCommand(new String[]{"-h"})).isTrue();
        assertThat(HotlineCommands.isCommand(new String[]{"prompts", "check"})).isTrue();
    }

    @Test
    void settingsStartTheServer() {
        assertThat(HotlineCommands.isCommand(new String[]{})).isFalse();
        assertThat(HotlineCommands.isCommand(new String[]{"--hotline.agi.port=4574"})).isFalse();
    }
}
