package com.chengshi.hotline.prompts;

import com.chengshi.hotline.flow.FlowPrompts;
import com.chengshi.hotline.flow.FlowProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PromptsConfiguration {

    @Bean
    PromptRenderer promptRenderer(PromptsProperties properties) {
        return PromptRenderer.from(properties);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    PromptLibrary promptLibrary(PromptsProperties properties, FlowProperties flow, PromptRenderer renderer) {
        return new PromptLibrary(properties, FlowPrompts.of(flow), renderer);
    }
}
