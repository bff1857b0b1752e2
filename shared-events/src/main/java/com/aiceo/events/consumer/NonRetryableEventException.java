package com.aiceo.events.consumer;

/**
 * Thrown by a handler for an event that can never succeed (invalid for this consumer): it goes to the
 * dead-letter topic at once instead of after the retries.
 */
public class NonRetryableEventException extends RuntimeException {
    public NonRetryableEventException(String message) {
        super(message);
    }
}
