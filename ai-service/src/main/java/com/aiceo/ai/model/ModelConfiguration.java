package com.aiceo.ai.model;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.Timeout;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the model: OpenAI (or compatible) when {@code OPENAI_API_KEY} is set, else the sandbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelProperties.class)
public class ModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

    @Bean
    ModelMetrics modelMetrics(MeterRegistry registry) {
        return new ModelMetrics(registry);
    }

    @Bean
    ChatModel chatModel(ModelProperties props, ModelMetrics metrics,
                        @Value("${ai.sandbox.token-delay:0ms}") Duration sandboxTokenDelay) {
        if (!props.configured()) {
            log.info("AI model: SANDBOX (no OPENAI_API_KEY) — deterministic local generator, output marked [sandbox]");
            return new SandboxChatModel(metrics, sandboxTokenDelay);
        }
        log.info("AI model: OpenAI-compatible API at {}", hostOf(props.baseUrl()));
        return openAi(props, metrics);
    }

    /** Scheme, host and port only: a base URL may carry credentials. */
    static String hostOf(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return "https://api.openai.com";
        }
        try {
            java.net.URI uri = java.net.URI.create(baseUrl.trim());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(unparsable base URL)";
        }
    }

    /** The real model with its client, circuit breaker and timeouts (also used directly by tests). */
    static OpenAiChatModel openAi(ModelProperties props, ModelMetrics metrics) {
        Duration read = props.requestTimeout().compareTo(props.idleTimeout()) > 0 ? props.requestTimeout() : props.idleTimeout();
        OpenAIOkHttpClientAsync.Builder builder = OpenAIOkHttpClientAsync.builder()
                .apiKey(props.apiKey())
                .maxRetries(0) // retries are ours: bounded, Retry-After aware, and seen by the circuit breaker
                .timeout(Timeout.builder()
                        .connect(props.connectTimeout())
                        .read(read)
                        .write(props.requestTimeout())
                        .request(Duration.ofMinutes(10)) // a stream's whole length; bounded by idle timeout and max tokens
                        .build());
        if (props.baseUrl() != null && !props.baseUrl().isBlank()) {
            builder.baseUrl(props.baseUrl());
        }
        OpenAIClientAsync client = builder.build();
        ModelProperties.Breaker b = props.breaker();
        CircuitBreaker breaker = CircuitBreaker.of("ai-model", CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRateThreshold())
                .minimumNumberOfCalls(b.minimumCalls())
                .slidingWindowSize(b.windowSize())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof ModelException me && me.kind().countsAgainstProvider)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("AI model circuit breaker: {}", event.getStateTransition()));
        return new OpenAiChatModel(client, props, breaker, metrics);
    }
}
