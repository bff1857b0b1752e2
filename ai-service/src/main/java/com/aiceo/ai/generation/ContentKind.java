package com.aiceo.ai.generation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What can be generated, with its wire name and its instructions to the model. */
public enum ContentKind {

    SOCIAL_POST("social_post", """
            Write one LinkedIn post for the business, in its voice: 60 to 200 words, a strong first line, \
            concrete and useful rather than salesy, at most three hashtags at the end. \
            Answer with the post text only, no preamble."""),
    EMAIL("email", """
            Write a business email from the business. Answer in exactly this form and nothing else: \
            a first line "Subject: <subject>", an empty line, then the body (greeting, at most 200 words, sign-off)."""),
    LEAD_FOLLOWUP("lead_followup", """
            Write a short follow-up message to a sales lead (under 120 words): personal, referring to the last \
            interaction from the context when there is one, ending with one clear next step. \
            Answer with the message only, no preamble.""");

    private final String wire;
    private final String instructions;

    ContentKind(String wire, String instructions) {
        this.wire = wire;
        this.instructions = instructions;
    }

    public String wire() {
        return wire;
    }

    String instructions() {
        return instructions;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ContentKind::wire).toList();
    }

    public static Optional<ContentKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
