package com.aiceo.events.consumer;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * Runs a listener's reactive effect to completion on the Kafka consumer thread.
 *
 * <p>Why not return the {@code Mono} to the container: spring-kafka's async return types ack out of
 * order and hand the container the next record before the previous effect finished, so two events
 * of one organization could apply in the wrong order. Our consumers keep each partition in order,
 * so the listener waits here. This thread is the listener container's own (a plain thread that
 * exists to process records one by one), never a Netty or Reactor thread; parallelism comes from
 * partitions and container concurrency. A failure or a timeout is rethrown for the container's
 * error handler (retries with backoff, then the dead-letter topic).
 */
public final class EventListeners {

    /** Longest an effect may take before it counts as failed and is retried. */
    public static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(30);

    private EventListeners() {
    }

    public static <T> T await(Mono<T> effect) {
        try {
            return effect.toFuture().get(EFFECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("event effect did not finish within " + EFFECT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying an event", e);
        }
    }
}
