package com.aiceo.ai.generation;

import com.aiceo.web.ApiException;
import com.aiceo.web.Validation;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated generation request (from HTTP or from an {@code ai.content.generate} command): the kind, the
 * brief and the context (e.g. a lead's name, company, last activity), as strings in key order.
 */
record GenerationRequest(ContentKind kind, String brief, Map<String, String> context) {

    static final int MAX_BRIEF = 4000;
    static final int MAX_CONTEXT_ENTRIES = 30;
    static final int MAX_CONTEXT_KEY = 64;
    static final int MAX_CONTEXT_VALUE = 2000;

    /**
     * @throws ApiException 400 with field errors (missing/unknown kind, empty brief, bad context), 413 for a
     *                      brief or context value over its limit
     */
    static GenerationRequest validate(String kind, String brief, Map<String, ?> context) {
        Validation v = new Validation().oneOf("kind", kind, ContentKind.wireNames());
        String cleanBrief = Validation.clean(brief);
        Map<String, String> ctx = new TreeMap<>();
        if (context != null) {
            v.check(context.size() <= MAX_CONTEXT_ENTRIES, "context", "at most " + MAX_CONTEXT_ENTRIES + " entries");
            context.forEach((key, value) -> {
                String field = "context." + (key.length() > MAX_CONTEXT_KEY ? key.substring(0, MAX_CONTEXT_KEY) : key);
                if (key.isBlank() || key.length() > MAX_CONTEXT_KEY) {
                    v.check(false, "context", "keys must be 1 to " + MAX_CONTEXT_KEY + " characters");
                } else if (value instanceof Map || value instanceof Iterable) {
                    v.check(false, field, "must be text, a number or a boolean");
                } else if (value != null) {
                    String s = String.valueOf(value).strip();
                    if (s.length() > MAX_CONTEXT_VALUE) {
                        throw ApiException.tooLarge(field + " must be at most " + MAX_CONTEXT_VALUE + " characters.");
                    }
                    if (!s.isEmpty()) {
                        ctx.put(key, s);
                    }
                }
            });
        }
        boolean followup = ContentKind.LEAD_FOLLOWUP.wire().equals(kind);
        v.check(cleanBrief != null || (followup && !ctx.isEmpty()), "brief",
                followup ? "is required when there is no context" : "is required");
        v.throwIfAny();
        if (cleanBrief != null && cleanBrief.length() > MAX_BRIEF) {
            throw ApiException.tooLarge("brief must be at most " + MAX_BRIEF + " characters.");
        }
        return new GenerationRequest(ContentKind.fromWire(kind).orElseThrow(), cleanBrief, ctx);
    }
}
