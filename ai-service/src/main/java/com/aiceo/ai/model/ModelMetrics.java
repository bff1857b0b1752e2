package com.aiceo.ai.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Prometheus metrics of model calls. Tags are bounded and carry no personal data: operation
 * (chat|generate|sentiment), provider (openai|sandbox), outcome (success|error) and the error kind.
 *
 * <ul>
 *   <li>{@code ai_model_latency_seconds} — a whole call (including retries), or a stream to its end</li>
 *   <li>{@code ai_model_first_token_seconds} — a stream's first token</li>
 *   <li>{@code ai_model_tokens_total{direction=in|out}}</li>
 *   <li>{@code ai_model_errors_total{reason}} — failed calls by kind</li>
 *   <li>{@code ai_model_retries_total} — retried attempts</li>
 * </ul>
 */
public class ModelMetrics {

    private final MeterRegistry registry;

    public ModelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void success(String operation, String provider, ModelReply reply) {
        Timer.builder("ai.model.latency").description("Model call latency (including retries)")
                .tags("operation", operation, "provider", provider, "outcome", "success")
                .publishPercentileHistogram()
                .register(registry).record(Duration.ofMillis(reply.latencyMs()));
        tokens(operation, provider, "in").increment(reply.tokensIn());
        tokens(operation, provider, "out").increment(reply.tokensOut());
    }

    void failure(String operation, String provider, ModelException.Kind kind, Duration elapsed) {
        Timer.builder("ai.model.latency").description("Model call latency (including retries)")
                .tags("operation", operation, "provider", provider, "outcome", "error")
                .publishPercentileHistogram()
                .register(registry).record(elapsed);
        Counter.builder("ai.model.errors").description("Failed model calls by kind")
                .tags("operation", operation, "provider", provider, "reason", kind.tag())
                .register(registry).increment();
    }

    void firstToken(String operation, String provider, Duration elapsed) {
        Timer.builder("ai.model.first.token").description("Time to a stream's first token")
                .tags("operation", operation, "provider", provider)
                .publishPercentileHistogram()
                .register(registry).record(elapsed);
    }

    void retry(String operation, String provider, ModelException.Kind kind) {
        Counter.builder("ai.model.retries").description("Retried model call attempts")
                .tags("operation", operation, "provider", provider, "reason", kind.tag())
                .register(registry).increment();
    }

    private Counter tokens(String operation, String provider, String direction) {
        return Counter.builder("ai.model.tokens").description("Tokens sent to and received from the model")
                .tags("operation", operation, "provider", provider, "direction", direction)
                .register(registry);
    }
}
