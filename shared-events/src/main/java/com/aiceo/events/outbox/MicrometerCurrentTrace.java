package com.aiceo.events.outbox;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import reactor.util.context.ContextView;

/**
 * Reads the current span from the Reactor context (where WebFlux and Kafka observations put it), or
 * from the thread, and writes it as a W3C {@code traceparent}.
 */
public class MicrometerCurrentTrace implements CurrentTrace {

    private final ObjectProvider<Tracer> tracer;

    /** The tracer is looked up when needed: none configured means no trace on the events. */
    public MicrometerCurrentTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public String traceparent(ContextView context) {
        Span span = null;
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation != null) {
            TracingObservationHandler.TracingContext tracing =
                    observation.getContextView().get(TracingObservationHandler.TracingContext.class);
            span = tracing == null ? null : tracing.getSpan();
        }
        if (span == null) {
            Tracer t = tracer.getIfAvailable();
            span = t == null ? null : t.currentSpan();
        }
        if (span == null) {
            return null;
        }
        TraceContext c = span.context();
        String traceId = c.traceId().length() < 32 ? "0".repeat(32 - c.traceId().length()) + c.traceId() : c.traceId();
        return "00-" + traceId + "-" + c.spanId() + "-" + (Boolean.TRUE.equals(c.sampled()) ? "01" : "00");
    }
}
