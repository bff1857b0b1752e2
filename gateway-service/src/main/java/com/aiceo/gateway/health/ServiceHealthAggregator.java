package com.aiceo.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks every service for its readiness ({@code /actuator/health/readiness}) at once, each with its
 * own timeout. A service is UP only when it answers 2xx with {@code "status":"UP"}; an error
 * status, an unreadable body, a refused connection or a timeout all count as DOWN. Never fails.
 */
public class ServiceHealthAggregator {

    static final String READINESS_PATH = "/actuator/health/readiness";

    private static final Logger log = LoggerFactory.getLogger(ServiceHealthAggregator.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    private final Map<String, URI> services;
    private final Duration timeout;
    private final WebClient client;

    public ServiceHealthAggregator(Map<String, URI> services, Duration timeout, WebClient client) {
        this.services = new LinkedHashMap<>(services);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The readiness of every service, in the order the services are configured. */
    public Mono<AggregatedHealth> check() {
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> probe(service.getKey(), service.getValue())
                        .map(status -> Map.entry(service.getKey(), status)))
                .collect(LinkedHashMap<String, String>::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()))
                .map(AggregatedHealth::of);
    }

    private Mono<String> probe(String name, URI baseUrl) {
        return client.get()
                .uri(readinessUri(baseUrl))
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(JSON_OBJECT).map(body -> statusOf(body)).defaultIfEmpty(AggregatedHealth.DOWN)
                        : response.releaseBody().thenReturn(AggregatedHealth.DOWN))
                .timeout(timeout)
                .onErrorResume(error -> {
                    // one line, no stack trace: a service being down is an expected state here
                    log.debug("{} is DOWN ({}): {}", name, baseUrl, error.toString());
                    return Mono.just(AggregatedHealth.DOWN);
                });
    }

    private static String statusOf(Map<String, Object> body) {
        return AggregatedHealth.UP.equals(body.get("status")) ? AggregatedHealth.UP : AggregatedHealth.DOWN;
    }

    static URI readinessUri(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + READINESS_PATH);
    }
}
