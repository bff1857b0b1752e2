package com.aiceo.ai.model;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The language model behind the AI CEO: OpenAI (or any OpenAI-compatible server) when
 * {@code OPENAI_API_KEY} is set, else the deterministic offline sandbox. Calls never block the caller's
 * thread; failures arrive as {@link ModelException} (→ 503/502 problems), within bounded time.
 */
public interface ChatModel {

    Mono<ModelReply> complete(ModelRequest request);

    /** Tokens as they come, then one {@link ModelChunk.Done}. Retries happen only before the first token. */
    Flux<ModelChunk> stream(ModelRequest request);

    /** Whether this is the offline sandbox generator. */
    boolean sandbox();
}
