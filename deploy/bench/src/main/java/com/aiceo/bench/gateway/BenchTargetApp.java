package com.aiceo.bench.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The service behind the gateway in the gateway benchmark: a WebFlux app with platform-security (every
 * request's JWT checked again against the JWKS, as in every real service) and two endpoints under the
 * crm-service route: {@code /api/crm/bench/fast} (answers at once) and {@code /api/crm/bench/slow}
 * (answers after a non-blocking 50 ms delay). The shared-events (R2DBC, Kafka, Flyway) auto-configuration
 * is excluded by {@link GatewayBenchmark}: this service has no database.
 */
@SpringBootApplication
public class BenchTargetApp {

    @RestController
    static class BenchController {

        private static final Map<String, String> OK = Map.of("status", "ok");

        @GetMapping("/api/crm/bench/fast")
        Mono<Map<String, String>> fast() {
            return Mono.just(OK);
        }

        /** About 30 KB of JSON, like a page of 50 leads. */
        private static final java.util.List<Map<String, String>> PAGE = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> Map.of("id", java.util.UUID.randomUUID().toString(), "name", "Lead " + i,
                        "email", "lead" + i + "@example.com", "notes", "x".repeat(480)))
                .toList();

        @GetMapping("/api/crm/bench/large")
        Mono<Map<String, Object>> large() {
            return Mono.just(Map.of("items", PAGE, "page", 0, "size", 50, "total", 100_000));
        }

        @GetMapping("/api/crm/bench/slow")
        Mono<Map<String, String>> slow() {
            return Mono.delay(Duration.ofMillis(50)).thenReturn(OK);
        }
    }
}
