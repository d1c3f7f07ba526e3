package com.chengshi.hotline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The hotline's FastAGI server. With no arguments (or only Spring options such as {@code --hotline.agi.port=4574})
 * it runs the server; with a command name first ({@code classify}, {@code prompts}, ...) it runs that tool instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IvrApplication {

    public static void main(String[] args) {
        if (HotlineCommands.isCommand(args)) {
            System.exit(HotlineCommands.run(args));
        }
        SpringApplication.run(IvrApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
