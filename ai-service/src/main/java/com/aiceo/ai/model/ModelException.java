package com.aiceo.ai.model;

import com.aiceo.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The model could not answer. {@link #toApiException()} turns it into the problem the client sees: 503
 * (rate limited, unreachable, timed out, circuit open — try again later, with Retry-After when known) or 502
 * (the provider answered with an error or an unusable answer). The message is safe to show: it never
 * contains prompt or answer text.
 */
public class ModelException extends RuntimeException {

    public enum Kind {
        RATE_LIMITED(HttpStatus.SERVICE_UNAVAILABLE, true, true),
        UNREACHABLE(HttpStatus.SERVICE_UNAVAILABLE, true, true),
        TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, true, true),
        CIRCUIT_OPEN(HttpStatus.SERVICE_UNAVAILABLE, false, false),
        UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, true, true),
        REJECTED(HttpStatus.BAD_GATEWAY, false, true),
        BAD_RESPONSE(HttpStatus.BAD_GATEWAY, false, false);

        final HttpStatus status;
        final boolean retryable;
        final boolean countsAgainstProvider;

        Kind(HttpStatus status, boolean retryable, boolean countsAgainstProvider) {
            this.status = status;
            this.retryable = retryable;
            this.countsAgainstProvider = countsAgainstProvider;
        }

        /** Lower-case name, used as a metric tag. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean afterFirstToken;

    public ModelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        this(kind, message, retryAfter, cause, false);
    }

    private ModelException(Kind kind, String message, Duration retryAfter, Throwable cause, boolean afterFirstToken) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.afterFirstToken = afterFirstToken;
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether another attempt may succeed (not once a stream has started: tokens were already sent). */
    public boolean retryable() {
        return kind.retryable && !afterFirstToken;
    }

    /** The same failure, marked as happening mid-stream (no retry). */
    ModelException midStream() {
        return afterFirstToken ? this : new ModelException(kind, getMessage(), retryAfter, getCause(), true);
    }

    public HttpStatus status() {
        return kind.status;
    }

    public ApiException toApiException() {
        if (kind.status == HttpStatus.SERVICE_UNAVAILABLE) {
            return ApiException.withRetryAfter(kind.status, getMessage(),
                    retryAfter != null ? retryAfter : Duration.ofSeconds(5));
        }
        return ApiException.of(kind.status, getMessage());
    }
}
