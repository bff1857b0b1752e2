package com.aiceo.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal that becomes an RFC 9457 problem ({@link ProblemHandling}): the status, a detail safe to show
 * (never personal data), field errors for validation, Retry-After for 429 and 503.
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

    public static ApiException withRetryAfter(HttpStatus status, String detail, Duration retryAfter) {
        return new ApiException(status, detail, Map.of(), retryAfter);
    }

    public static ApiException validation(Map<String, String> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "The request has invalid fields.", Map.copyOf(errors), null);
    }

    /** One invalid field. */
    public static ApiException invalid(String field, String message) {
        return validation(Map.of(field, message));
    }

    public static ApiException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, detail);
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

    public static ApiException tooLarge(String detail) {
        return of(HttpStatus.CONTENT_TOO_LARGE, detail);
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
