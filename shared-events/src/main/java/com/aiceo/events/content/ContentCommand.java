package com.aiceo.events.content;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.util.UUID;

/** Commands to content-service, on {@code content.commands}. */
public sealed interface ContentCommand extends Event {

    /** Create a post with this text and publish it now; the answer is PostPublished/PostFailed. */
    @EventName("content.post.publish")
    record PublishPost(UUID requestId, UUID taskId, String platform, String text) implements ContentCommand {}
}
