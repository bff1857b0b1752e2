package com.aiceo.auth.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal that becomes an RFC 9457 problem ({@link ProblemHandling}): the status, a short title,
 * a detail safe to show (never personal data), field errors for validation, Retry-After for 429.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, String> errors;
    private final Duration retryAfter;

    private ApiException(HttpStatus status, String detail, Map<String, String> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    public static ApiException of(HttpStatus status, String detail) {
        return new ApiException(status, detail, Map.of(), null);
    }

    public static ApiException validation(Map<String, String> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields.", Map.copyOf(errors), null);
    }

    public static ApiException unauthorized(String detail) {
        return of(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return of(HttpStatus.CONFLICT, detail);
    }

    public static ApiException tooManyRequests(Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts; try again later.",
                Map.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> errors() {
        return errors;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
