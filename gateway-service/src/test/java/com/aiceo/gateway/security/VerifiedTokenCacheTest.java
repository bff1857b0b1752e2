package com.aiceo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** Stands in for the full check: "good-*" tokens pass (expiring at NOW + 15 min), others fail. */
    private static final class CountingDecoder implements ReactiveJwtDecoder {
        final List<String> decoded = new ArrayList<>();

        @Override
        public Mono<Jwt> decode(String token) {
            decoded.add(token);
            if (!token.startsWith("good")) {
                return Mono.error(new BadJwtException("bad"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("u")
                    .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(15))).build());
        }
    }

    private final CountingDecoder full = new CountingDecoder();

    private VerifiedTokenCache cache(Instant now) {
        return new VerifiedTokenCache(full, 100, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenThatPassedIsCheckedOnceThenServedFromTheCache() {
        VerifiedTokenCache cache = cache(NOW);
        Jwt first = cache.decode("good-1").block();
        Jwt second = cache.decode("good-1").block();
        assertThat(second).isSameAs(first);
        assertThat(full.decoded).containsExactly("good-1");
        cache.decode("good-2").block();
        assertThat(full.decoded).containsExactly("good-1", "good-2");
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndIsCheckedAgainEveryTime() {
        VerifiedTokenCache cache = cache(NOW);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(full.decoded).containsExactly("forged", "forged");
        assertThat(cache.size()).isZero();
    }

    @Test
    void anExpiredTokenIsNotServedFromTheCache() {
        MovingClock clock = new MovingClock();
        VerifiedTokenCache cache = new VerifiedTokenCache(full, 100, Duration.ofHours(1), clock);
        cache.decode("good-1").block();
        clock.now = NOW.plus(Duration.ofMinutes(14));
        cache.decode("good-1").block(); // still valid: from the cache
        assertThat(full.decoded).containsExactly("good-1");
        clock.now = NOW.plus(Duration.ofMinutes(15));
        cache.decode("good-1").block(); // expired by the gateway's clock: the full check again
        assertThat(full.decoded).containsExactly("good-1", "good-1");
    }

    private static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
