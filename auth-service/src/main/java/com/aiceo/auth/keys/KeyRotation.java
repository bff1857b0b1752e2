package com.aiceo.auth.keys;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * At start and then every {@code platform.auth.key-check-interval}: creates the first key, rotates a
 * key older than {@code platform.auth.key-rotation}, and picks up keys other instances created.
 */
class KeyRotation implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SigningKeys keys;
    private final Duration every;
    private volatile Disposable running;

    KeyRotation(SigningKeys keys, Duration every) {
        this.keys = keys;
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        running = Flux.interval(Duration.ZERO, every)
                .onBackpressureDrop()
                .concatMap(tick -> keys.ensureCurrent(false)
                        .doOnError(e -> log.warn("Signing key check failed: {}", e.toString()))
                        .onErrorComplete(), 1)
                .subscribe();
    }

    @Override
    public void destroy() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
    }
}
