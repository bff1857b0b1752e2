package com.aiceo.events.content;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;
import java.util.UUID;

/** Domain events of content-service, on {@code content.events}. */
public sealed interface ContentEvent extends Event {

    /** status: draft | scheduled. taskId set when a task created it. */
    @EventName("content.post.created")
    record PostCreated(UUID postId, String platform, String status, Instant scheduledAt, UUID taskId)
            implements ContentEvent {}

    @EventName("content.post.published")
    record PostPublished(UUID postId, String platform, String externalId, String url, Instant publishedAt,
                         UUID taskId) implements ContentEvent {}

    @EventName("content.post.failed")
    record PostFailed(UUID postId, String platform, String reason, UUID taskId) implements ContentEvent {}

    @EventName("content.post.deleted")
    record PostDeleted(UUID postId) implements ContentEvent {}

    @EventName("content.integration.connected")
    record IntegrationConnected(String provider) implements ContentEvent {}

    @EventName("content.integration.disconnected")
    record IntegrationDisconnected(String provider, String reason) implements ContentEvent {}
}
