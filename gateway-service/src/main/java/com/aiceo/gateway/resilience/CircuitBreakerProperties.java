package com.aiceo.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker of every route ({@code platform.circuit-breaker.*}), one per route id: it
 * opens when {@code failureRateThreshold} % of the last {@code slidingWindowSize} calls (at least
 * {@code minimumNumberOfCalls}) failed to connect or timed out, answers 503 at once while open,
 * and lets a few calls through again after {@code waitInOpenState}. {@code timeLimits} bounds a whole
 * exchange per route id (the AI routes: a model may take a minute, a stream longer); routes not named there
 * get the HTTP client's response timeout plus half a second.
 */
@ConfigurationProperties("platform.circuit-breaker")
public record CircuitBreakerProperties(Float failureRateThreshold, Integer slidingWindowSize,
                                       Integer minimumNumberOfCalls, Duration waitInOpenState,
                                       java.util.Map<String, Duration> timeLimits) {

    public CircuitBreakerProperties {
        failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
        slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? 10 : minimumNumberOfCalls;
        waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(10) : waitInOpenState;
        timeLimits = timeLimits == null ? java.util.Map.of() : java.util.Map.copyOf(timeLimits);
    }
}
