package com.aiceo.gateway.error;

import com.aiceo.gateway.edge.EdgeHeadersFilter;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A routed call that timed out (the HTTP client's response timeout, or the circuit breaker's time
 * limiter) fails with a {@code ResponseStatusException(504)}, which WebFlux' dispatcher hands to
 * controller advice before any {@code WebExceptionHandler}: answered here as 504 problem details
 * in the same words and log line as {@link ServiceUnavailableHandler}'s 503s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayTimeoutAdvice {

    private static final Logger log = LoggerFactory.getLogger(GatewayTimeoutAdvice.class);

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> handle(ResponseStatusException error, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ProblemDetail problem;
        if (route != null && (status == HttpStatus.GATEWAY_TIMEOUT || status == HttpStatus.SERVICE_UNAVAILABLE)) {
            String service = route.getId().replaceAll("[^A-Za-z0-9._-]", "");
            problem = ProblemDetail.forStatusAndDetail(status, status == HttpStatus.GATEWAY_TIMEOUT
                    ? service + " did not answer in time" : service + " is unavailable");
            EdgeHeadersFilter.withRequestId(exchange, () -> log.warn("{} {} -> {} {}: {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), service,
                    status == HttpStatus.GATEWAY_TIMEOUT ? "timed out" : "unavailable", error.getReason()));
        } else {
            problem = error.getBody();
        }
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(error.getStatusCode())
                .headers(error.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
