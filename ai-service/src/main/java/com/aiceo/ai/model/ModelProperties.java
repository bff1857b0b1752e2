package com.aiceo.ai.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ai.model.*}: which model, where, and how patiently.
 *
 * @param apiKey            {@code OPENAI_API_KEY}; blank → the offline sandbox generator
 * @param baseUrl           {@code OPENAI_BASE_URL}; blank → api.openai.com (any OpenAI-compatible server, with {@code /v1})
 * @param defaultModel      model of a new organization's persona
 * @param maxOutputTokens   cap on an answer's tokens
 * @param connectTimeout    TCP connect
 * @param requestTimeout    one attempt of a non-streamed call
 * @param firstTokenTimeout a stream's first token (retried like a failed call)
 * @param idleTimeout       longest silence between two streamed tokens
 * @param deadline          a whole non-streamed call including retries: nobody waits longer
 * @param maxRetries        retries after the first attempt, on 429, 5xx, timeouts and connection failures
 * @param initialBackoff    wait before the first retry when the provider gives no Retry-After (doubles)
 * @param maxRetryWait      longest wait honoured from a Retry-After; a longer one answers 503 at once
 * @param breaker           circuit breaker over the provider's failures
 */
@ConfigurationProperties("ai.model")
public record ModelProperties(
        String apiKey,
        String baseUrl,
        @DefaultValue("gpt-4o-mini") String defaultModel,
        @DefaultValue("1024") int maxOutputTokens,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("20s") Duration firstTokenTimeout,
        @DefaultValue("20s") Duration idleTimeout,
        @DefaultValue("45s") Duration deadline,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("10s") Duration maxRetryWait,
        @DefaultValue Breaker breaker) {

    /**
     * @param failureRateThreshold percentage of failed calls that opens the circuit
     * @param minimumCalls         calls in the window before the rate counts
     * @param windowSize           calls the failure rate is computed over
     * @param openFor              how long an open circuit refuses at once (503) before probing again
     */
    public record Breaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("10") int minimumCalls,
                          @DefaultValue("20") int windowSize, @DefaultValue("30s") Duration openFor) {
    }

    /** Whether a real provider is configured. */
    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
