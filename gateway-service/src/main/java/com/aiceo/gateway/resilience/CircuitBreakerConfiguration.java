package com.aiceo.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Defaults of the per-route circuit breakers used by the {@code CircuitBreaker} default filter.
 * The time limiter is a backstop half a second behind the HTTP client's response timeout
 * ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}), which is the one that
 * normally ends a slow call (504); Resilience4j's own 1 s default would cut every slower answer. Routes
 * with their own response timeout (route metadata) name their limit in
 * {@code platform.circuit-breaker.time-limits}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
class CircuitBreakerConfiguration {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakerDefaults(
            CircuitBreakerProperties properties, HttpClientProperties httpClient) {
        Duration responseTimeout = httpClient.getResponseTimeout() != null
                ? httpClient.getResponseTimeout() : Duration.ofSeconds(10);
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .failureRateThreshold(properties.failureRateThreshold())
                        .slidingWindowSize(properties.slidingWindowSize())
                        .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                        .waitDurationInOpenState(properties.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(properties.timeLimits().getOrDefault(id, responseTimeout.plusMillis(500)))
                        .build())
                .build());
    }
}
