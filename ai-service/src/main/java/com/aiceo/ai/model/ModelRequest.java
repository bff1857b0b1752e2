package com.aiceo.ai.model;

import java.util.List;
import java.util.Map;

/**
 * A call to the model.
 *
 * @param operation   what the call is for, a metric tag: {@code chat}, {@code generate} or {@code sentiment}
 * @param model       the model name (the persona's)
 * @param temperature 0..2
 * @param messages    the prompt: system message first, then history, then the new user message
 * @param maxTokens   cap on the answer's tokens
 * @param hints       structured facts (persona, task, brief, context) that only the offline sandbox
 *                    generator reads; the real model gets everything through {@code messages}
 */
public record ModelRequest(String operation, String model, double temperature, List<ModelMessage> messages,
                           int maxTokens, Map<String, String> hints) {

    public ModelRequest {
        messages = List.copyOf(messages);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }

    /** The last user message (what is being answered). */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == ModelMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
