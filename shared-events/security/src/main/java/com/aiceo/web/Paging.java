package com.aiceo.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ?page=0&size=50} as api.md defines it: page ≥ 0 (default 0), size 1..200 (default 50; larger
 * sizes are capped at 200, not refused). Anything unparsable or negative is a 400 with field errors.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static Paging of(String page, String size) {
        Map<String, String> errors = new LinkedHashMap<>();
        int p = parse(page, 0, "page", errors);
        int s = parse(size, DEFAULT_SIZE, "size", errors);
        if (!errors.containsKey("page") && p < 0) {
            errors.put("page", "must be zero or more");
        }
        if (!errors.containsKey("size") && s < 1) {
            errors.put("size", "must be at least 1");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Paging(p, Math.min(s, MAX_SIZE));
    }

    public long offset() {
        return (long) page * size;
    }

    private static int parse(String value, int fallback, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "must be a whole number");
            return fallback;
        }
    }
}
