package com.chengshi.hotline;

import org.springframework.context.annotation.Profile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A part of the hotline that serves real calls (the FastAGI and AudioSocket servers, the flow they run): left out of
 * the application under the {@value #SIMULATION} profile, with which {@code simulate} runs the flow on a recording.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile("!simulation")
public @interface ServesCalls {

    /** The profile {@code simulate} runs under; the {@link Profile} above names it too. */
    String SIMULATION = "simulation";
}
