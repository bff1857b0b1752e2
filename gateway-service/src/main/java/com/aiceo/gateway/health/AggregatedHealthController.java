package com.aiceo.gateway.health;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/health}: 200 when every service is ready, else 503, with the same body shape. */
@RestController
class AggregatedHealthController {

    private final ServiceHealthAggregator aggregator;

    AggregatedHealthController(ServiceHealthAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @GetMapping(path = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<AggregatedHealth>> health() {
        return aggregator.check()
                .map(health -> ResponseEntity
                        .status(AggregatedHealth.UP.equals(health.status()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .cacheControl(CacheControl.noStore())
                        .body(health));
    }
}
