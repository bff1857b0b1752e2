package com.aiceo.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** RFC 9457 problems for 401 and 403: thrown from handlers, or written by the security filter chain. */
final class Problems {

    static final String MISSING_TOKEN = "A bearer access token is required.";
    static final String INVALID_TOKEN = "The bearer access token is invalid or expired.";
    static final String FORBIDDEN = "Your role does not allow this.";

    private Problems() {
    }

    static ErrorResponseException unauthorized() {
        return problem(HttpStatus.UNAUTHORIZED, MISSING_TOKEN);
    }

    static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        ErrorResponseException e = new ErrorResponseException(status, body, null);
        if (status == HttpStatus.UNAUTHORIZED) {
            e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return e;
    }

    /** Writes a problem+json answer directly (for the security filter chain, which runs before any handler). */
    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, String wwwAuthenticate) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (wwwAuthenticate != null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        String body = "{\"type\":\"about:blank\",\"title\":" + json(status.getReasonPhrase())
                + ",\"status\":" + status.value()
                + ",\"detail\":" + json(detail)
                + ",\"instance\":" + json(exchange.getRequest().getPath().value()) + "}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
