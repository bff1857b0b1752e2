package com.aiceo.events.outbox;

import reactor.util.context.ContextView;

/**
 * The W3C {@code traceparent} of the work in progress, stamped on every event the work appends to
 * the outbox (and sent as a Kafka header), so a trace runs from the HTTP request through every
 * service the event reaches. {@link #NONE} when the service has no tracer.
 */
@FunctionalInterface
public interface CurrentTrace {

    CurrentTrace NONE = context -> null;

    /** @return {@code 00-<trace id>-<span id>-<flags>}, or {@code null} outside any trace */
    String traceparent(ContextView context);
}
