package com.aiceo.crm.web;

import com.aiceo.web.Validation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * A JSON object body read field by field, so that a PATCH can tell "absent" (leave it) from "null"
 * (clear it) and a value of the wrong JSON type is a field error rather than an unreadable body.
 * Type errors go into the given {@link Validation}; the readers then answer {@code null}.
 */
public final class Body {

    private final Map<String, Object> fields;
    private final Validation errors;

    public Body(Map<String, Object> fields, Validation errors) {
        this.fields = fields == null ? Map.of() : fields;
        this.errors = errors;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The field as text: trimmed, blank becomes {@code null}; a non-string is an error. */
    public String text(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            errors.check(false, field, "must be a string");
            return null;
        }
        return Validation.clean(s);
    }

    public BigDecimal decimal(String field) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                // falls through to the error
            }
        }
        errors.check(false, field, "must be a number");
        return null;
    }

    public Instant instant(String field) {
        String s = textValue(field, "must be an ISO-8601 time, e.g. 2026-01-31T09:30:00Z");
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                errors.check(false, field, "must be an ISO-8601 time, e.g. 2026-01-31T09:30:00Z");
                return null;
            }
        }
    }

    public UUID uuid(String field) {
        String s = textValue(field, "must be an id");
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            errors.check(false, field, "must be an id");
            return null;
        }
    }

    private String textValue(String field, String message) {
        Object v = fields.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            errors.check(false, field, message);
            return null;
        }
        return s.trim();
    }
}
