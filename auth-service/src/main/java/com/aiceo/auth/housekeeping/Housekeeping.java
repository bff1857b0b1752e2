package com.aiceo.auth.housekeeping;

import com.aiceo.auth.AuthProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps auth's tables from growing without end, every {@code platform.auth.housekeeping-interval}
 * (default hourly; several instances may run it at once — the deletes are idempotent):
 * <ul>
 *   <li>refresh-token families whose every token expired more than a day ago (a family goes as a whole, so
 *       reuse detection keeps working for as long as any of its tokens could still be presented);</li>
 *   <li>failed-login rows older than a day (the throttling windows are minutes long);</li>
 *   <li>invitations that expired unaccepted more than 30 days ago.</li>
 * </ul>
 */
@Component
public class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final DatabaseClient db;
    private final Duration every;
    private volatile Disposable running;

    Housekeeping(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.every = properties.housekeepingInterval();
    }

    /** One pass; emits how many rows went (tokens, failures, invitations). */
    public Mono<long[]> purge() {
        Mono<Long> tokens = db.sql("""
                        DELETE FROM refresh_tokens WHERE family_id IN (
                            SELECT family_id FROM refresh_tokens GROUP BY family_id
                            HAVING max(expires_at) < now() - interval '1 day')""")
                .fetch().rowsUpdated();
        Mono<Long> failures = db.sql("DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'")
                .fetch().rowsUpdated();
        Mono<Long> invitations = db.sql("""
                        DELETE FROM invitations WHERE accepted_at IS NULL
                            AND expires_at < now() - interval '30 days'""")
                .fetch().rowsUpdated();
        return Mono.zip(tokens, failures, invitations).map(t -> new long[] {t.getT1(), t.getT2(), t.getT3()});
    }

    @Override
    public void start() {
        running = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> purge()
                        .doOnNext(n -> {
                            if (n[0] + n[1] + n[2] > 0) {
                                log.info("housekeeping: removed {} expired refresh tokens, {} old failed logins, "
                                        + "{} expired invitations", n[0], n[1], n[2]);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("housekeeping failed, will retry next time: {}", e.toString());
                            return Mono.empty();
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
