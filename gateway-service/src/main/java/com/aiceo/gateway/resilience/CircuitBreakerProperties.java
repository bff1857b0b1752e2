package com.aiceo.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker of every route ({@code platform.circuit-breaker.*}), one per route id: it
 * opens when {@code failureRateThreshold} % of the last {@code slidingWindowSize} calls (at least
 * {@code minimumNumberOfCalls}) failed to connect or timed out, answers 503 at once while open,
 * and lets a few calls through again after {@code waitInOpenState}.
 */
@ConfigurationProperties("platform.circuit-breaker")
public record CircuitBreakerProperties(Float failureRateThreshold, Integer slidingWindowSize,
                                       Integer minimumNumberOfCalls, Duration waitInOpenState) {

    public CircuitBreakerProperties {
        failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
        slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? 10 : minimumNumberOfCalls;
        waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(10) : waitInOpenState;
    }
}
