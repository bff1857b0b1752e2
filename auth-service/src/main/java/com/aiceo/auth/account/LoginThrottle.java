package com.aiceo.auth.account;

import com.aiceo.auth.AuthProperties;
import com.aiceo.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts failed logins in the database (so every instance agrees) per account and per client
 * address within sliding windows; at the limit, logins are refused with 429 and Retry-After until
 * the oldest failure in the window expires, without checking the password. A success clears the
 * account's failures. Concurrent attempts can overshoot a limit by the number in flight.
 */
@Component
class LoginThrottle {

    private final DatabaseClient db;
    private final AuthProperties.Throttle limits;

    LoginThrottle(DatabaseClient db, AuthProperties props) {
        this.db = db;
        this.limits = props.throttle();
    }

    Mono<Void> check(String accountKey, String address) {
        return check("account", accountKey, limits.accountMaxFailures(), limits.accountWindow())
                .then(check("address", address, limits.addressMaxFailures(), limits.addressWindow()));
    }

    Mono<Void> recordFailure(String accountKey, String address) {
        return record("account", accountKey, limits.accountWindow())
                .then(record("address", address, limits.addressWindow()));
    }

    Mono<Void> clearAccount(String accountKey) {
        return db.sql("DELETE FROM login_failures WHERE subject_kind = 'account' AND subject = :s")
                .bind("s", accountKey).fetch().rowsUpdated().then();
    }

    private Mono<Void> check(String kind, String subject, int max, Duration window) {
        return db.sql("""
                        SELECT count(*) AS n, min(failed_at) AS oldest FROM login_failures
                        WHERE subject_kind = :kind AND subject = :s AND failed_at > :since""")
                .bind("kind", kind).bind("s", subject).bind("since", Instant.now().minus(window))
                .map(r -> {
                    long n = r.get("n", Long.class);
                    Instant oldest = r.get("oldest", Instant.class);
                    return n >= max && oldest != null
                            ? Duration.between(Instant.now(), oldest.plus(window)) : Duration.ZERO;
                })
                .one()
                .flatMap(wait -> wait.isZero() ? Mono.<Void>empty()
                        : Mono.error(ApiException.withRetryAfter(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed attempts; try again later.", wait.isNegative() ? Duration.ofSeconds(1) : wait)));
    }

    private Mono<Void> record(String kind, String subject, Duration window) {
        return db.sql("INSERT INTO login_failures (subject_kind, subject) VALUES (:kind, :s)")
                .bind("kind", kind).bind("s", subject).fetch().rowsUpdated()
                .then(db.sql("DELETE FROM login_failures WHERE subject_kind = :kind AND subject = :s AND failed_at < :before")
                        .bind("kind", kind).bind("s", subject).bind("before", Instant.now().minus(window))
                        .fetch().rowsUpdated())
                .then();
    }
}
