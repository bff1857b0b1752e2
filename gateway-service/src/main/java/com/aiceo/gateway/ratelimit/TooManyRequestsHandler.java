package com.aiceo.gateway.ratelimit;

import com.aiceo.gateway.edge.EdgeHeadersFilter;
import com.aiceo.gateway.error.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The {@code RequestRateLimiter} filter (with {@code throw-on-limit}) refuses with an
 * {@link HttpClientErrorException.TooManyRequests}; this answers it as 429 problem details with
 * Retry-After (the limiter's headers are already on the response).
 */
@Component
@Order(-2)
class TooManyRequestsHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TooManyRequestsHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!(error instanceof HttpClientErrorException.TooManyRequests) || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (!headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        EdgeHeadersFilter.withRequestId(exchange, () -> log.info("429 {} {} (retry after {} s)",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), headers.getFirst(HttpHeaders.RETRY_AFTER)));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests; retry after " + headers.getFirst(HttpHeaders.RETRY_AFTER) + " s");
    }
}
