package com.aiceo.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers access tokens that passed the full check (signature, expiry, issuer, audience), so a client
 * sending the same token on every request is verified once, not on every request: the RSA verification,
 * key parsing and claim conversion were a fifth of the gateway's CPU per proxied request
 * (docs/benchmarks.md). Keyed by the whole compact token (signature included), so a changed byte is a
 * miss and goes through the full check; only successes are remembered, so garbage cannot fill it. A hit is
 * served only while the token is unexpired by the gateway's clock; entries leave after {@code ttl} at the
 * latest and the cache holds at most {@code maxEntries} tokens. Trade-off: a key withdrawn from the JWK set
 * stops being accepted here after {@code ttl} (the JWK set itself is cached by Nimbus for 5 minutes too).
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    VerifiedTokenCache(ReactiveJwtDecoder delegate, int maxEntries, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            Instant expiresAt = known.getExpiresAt();
            if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
