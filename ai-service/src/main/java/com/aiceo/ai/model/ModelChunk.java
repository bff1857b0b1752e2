package com.aiceo.ai.model;

/** An element of a streamed answer: tokens as they arrive, then exactly one {@link Done} with the whole reply. */
public sealed interface ModelChunk {

    record Token(String text) implements ModelChunk {
    }

    record Done(ModelReply reply) implements ModelChunk {
    }
}
