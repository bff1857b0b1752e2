package com.aiceo.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Registers {@link ProblemHandling} unless the service brings its own problem handler. Runs before Boot's
 * WebFlux auto-configuration: with {@code spring.webflux.problemdetails.enabled} (platform-defaults) Boot
 * registers its own {@code ProblemDetailsExceptionHandler} when no {@code ResponseEntityExceptionHandler}
 * exists yet, and that one does not know {@link ApiException} (every refusal became a 500).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemHandling platformProblemHandling() {
        return new ProblemHandling();
    }
}
