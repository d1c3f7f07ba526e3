package com.chengshi.hotline.linecheck;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineCheckPropertiesTest {

    @Test
    void defaultsAreTheTunedOnes() {
        LineCheckProperties defaults = LineCheckProperties.defaults();

        assertThat(defaults.maxWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(defaults.endOfUtterancePause()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.clearMinLevelDbfs()).isEqualTo(-35.0);
        assertThat(defaults.noisyMaxSnrDb()).isEqualTo(10.0);
    }

    @Test
    void bindsFromHotlineLinecheckPropertiesKeepingDefaultsForTheRest() {
        LineCheckProperties bound = bind(Map.of(
                "hotline.linecheck.max-window", "4s",
                "hotline.linecheck.clear-min-level-dbfs", "-33"));

        assertThat(bound.maxWindow()).isEqualTo(Duration.ofSeconds(4));
        assertThat(bound.clearMinLevelDbfs()).isEqualTo(-33.0);
        assertThat(bound.noisyMaxSnrDb()).isEqualTo(LineCheckProperties.defaults().noisyMaxSnrDb());
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> bind(Map.of("hotline.linecheck.max-window", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("max-window");
        assertThatThrownBy(() -> bind(Map.of("hotline.linecheck.noise-floor-percentile", "100")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("noise-floor-percentile");
        assertThatThrownBy(() -> bind(Map.of("hotline.linecheck.speech-above-floor-db", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("speech-above-floor-db");
    }

    private static LineCheckProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hotline.linecheck", LineCheckProperties.class);
    }
}
