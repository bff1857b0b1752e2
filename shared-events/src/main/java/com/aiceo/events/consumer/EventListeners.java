package com.aiceo.events.consumer;

import com.aiceo.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import reactor.core.publisher.Mono;

/**
 * How a {@code @KafkaListener(batch = "true")} applies the records of one poll:
 *
 * <pre>{@code
 * @KafkaListener(id = "agentic-read-model", topics = "crm.events", batch = "true")
 * void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
 *     EventListeners.process(idempotentConsumer, "agentic-read-model", records, readModel::apply);
 * }
 * }</pre>
 *
 * <p>The readable records are applied in order in one transaction (one commit per poll, not per
 * event). If the effect of record <i>i</i> fails, the records before it are applied again in a
 * transaction of their own and {@link BatchListenerFailedException}(i) goes to the container's error
 * handler, which commits the offsets before <i>i</i> and retries <i>i</i> with backoff, then
 * dead-letters it and carries on. An unreadable record (failed deserialization) is handed over the
 * same way, and is dead-lettered without retries.
 *
 * <p>Why the listener waits here instead of returning a {@code Mono}: spring-kafka's async return
 * types ack out of order and hand the listener the next records before the previous effect finished,
 * so two events of one organization could apply in the wrong order. This thread is the listener
 * container's own consumer thread (a plain thread that exists to process its partitions' records in
 * order), never a Netty or Reactor thread; parallelism comes from partitions × container concurrency.
 */
public final class EventListeners {

    /** Longest a batch's effects may take before they count as failed and are retried. */
    public static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(30);

    private static final LogAccessor LOG = new LogAccessor(EventListeners.class);

    private EventListeners() {
    }

    public static void process(IdempotentConsumer consumer, String consumerId,
                               List<ConsumerRecord<String, EventEnvelope<?>>> records,
                               Function<EventEnvelope<?>, ? extends Mono<?>> effect) {
        int unreadable = -1;
        List<EventEnvelope<?>> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            EventEnvelope<?> value = records.get(i).value();
            if (value == null) {
                unreadable = i;
                break;
            }
            events.add(value);
        }
        applyOrPinpoint(consumer, consumerId, records, events, effect);
        if (unreadable >= 0) {
            ConsumerRecord<?, ?> bad = records.get(unreadable);
            DeserializationException cause = SerializationUtils.getExceptionFromHeader(bad,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            throw new BatchListenerFailedException("unreadable record", cause, bad);
        }
    }

    /**
     * Applies the events in one transaction; on failure names the record to the error handler: the
     * one whose effect failed (after keeping the work of those before it), or the first one when the
     * batch could not run at all (database unreachable: the whole batch is retried).
     */
    private static void applyOrPinpoint(IdempotentConsumer consumer, String consumerId,
                                        List<ConsumerRecord<String, EventEnvelope<?>>> records,
                                        List<EventEnvelope<?>> events,
                                        Function<EventEnvelope<?>, ? extends Mono<?>> effect) {
        if (events.isEmpty()) {
            return;
        }
        try {
            await(consumer.applyAll(consumerId, events, effect));
        } catch (IdempotentConsumer.EffectFailedException failed) {
            int i = failed.index();
            // keep the work of the records before the failing one (their offsets get committed)
            applyOrPinpoint(consumer, consumerId, records, events.subList(0, i), effect);
            throw new BatchListenerFailedException(String.valueOf(failed.getCause().getMessage()),
                    failed.getCause(), records.get(i));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, records.get(0));
        }
    }

    /** Runs a reactive effect to completion on the consumer thread (see the class comment). */
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
