package com.aiceo.gateway.error;

import com.aiceo.gateway.edge.EdgeHeadersFilter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A routed service that cannot be reached or whose circuit is open answers 503, one that does not
 * answer within the response timeout 504, both as problem details (api.md: "503 dependency
 * down"), not the gateway's default 500, and logged in one line without a stack trace.
 * Runs before Boot's error handler (order -1).
 */
@Component
@Order(-2)
class ServiceUnavailableHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        HttpStatus status = statusFor(error);
        if (status == null || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = (route != null ? route.getId() : "service").replaceAll("[^A-Za-z0-9._-]", "");
        String detail = status == HttpStatus.GATEWAY_TIMEOUT
                ? service + " did not answer in time"
                : service + " is unavailable";
        String what = status == HttpStatus.GATEWAY_TIMEOUT ? "timed out"
                : isOpenCircuit(error) ? "unavailable (circuit open)" : "unavailable";
        EdgeHeadersFilter.withRequestId(exchange, () -> log.warn("{} {} -> {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), service, what, error.toString()));
        exchange.getResponse().getHeaders().remove("Content-Length");
        return Problems.write(exchange, status, detail);
    }

    private static boolean isOpenCircuit(Throwable error) {
        return error instanceof ServiceUnavailableException || error instanceof CallNotPermittedException;
    }

    /** 503 for a refused connection or an open circuit, 504 for a timeout; null for anything else. */
    static HttpStatus statusFor(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof CallNotPermittedException
                    || t instanceof ServiceUnavailableException) {
                return HttpStatus.SERVICE_UNAVAILABLE;
            }
            if (t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
            if (t instanceof ResponseStatusException rse) {
                if (rse.getStatusCode().value() == 504) {
                    return HttpStatus.GATEWAY_TIMEOUT;
                }
                if (rse.getStatusCode().value() == 503) {
                    return HttpStatus.SERVICE_UNAVAILABLE;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
