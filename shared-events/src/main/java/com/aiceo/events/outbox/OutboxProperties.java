package com.aiceo.events.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled          run the relay in this process
 * @param batchSize        rows published per transaction
 * @param pollInterval     safety-net poll when no notification arrives
 * @param sendTimeout      how long a batch waits for Kafka before it rolls back and is retried
 */
@ConfigurationProperties("platform.outbox")
public record OutboxProperties(Boolean enabled, Integer batchSize, Duration pollInterval, Duration sendTimeout) {

    public OutboxProperties {
        enabled = enabled == null || enabled;
        batchSize = batchSize == null ? 500 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
    }
}
