package com.aiceo.events.consumer;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Forgets processed event ids older than the retention (default 14 days: far beyond any redelivery
 * window, since Kafka redelivers only uncommitted offsets), hourly, so {@code processed_event} stays small.
 */
public class ProcessedEventJanitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventJanitor.class);

    private final IdempotentConsumer consumer;
    private final Duration retention;
    private final Duration every;
    private volatile Disposable running;

    public ProcessedEventJanitor(IdempotentConsumer consumer, Duration retention, Duration every) {
        this.consumer = consumer;
        this.retention = retention;
        this.every = every;
    }

    @Override
    public void start() {
        running = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(t -> consumer.purgeOlderThan(retention)
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("forgot {} processed event ids older than {}", n, retention);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("processed_event purge failed, will retry: {}", e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = running;
        running = null;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
