package com.aiceo.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the field errors of a request; {@link #throwIfAny()} turns them into one 400 problem with
 * {@code errors: {field: message}}. The first error per field wins.
 */
public final class Validation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    public static final int MAX_EMAIL = 254;

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Trims and lower-cases an email address; {@code null} stays {@code null}. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Trims; blank becomes {@code null}. */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public Validation required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.putIfAbsent(field, "is required");
        }
        return this;
    }

    /** A required email address (already normalised). */
    public Validation email(String field, String normalisedEmail) {
        required(field, normalisedEmail);
        return optionalEmail(field, normalisedEmail);
    }

    public Validation optionalEmail(String field, String normalisedEmail) {
        if (normalisedEmail != null && !normalisedEmail.isEmpty()
                && (normalisedEmail.length() > MAX_EMAIL || !EMAIL.matcher(normalisedEmail).matches())) {
            errors.putIfAbsent(field, "is not a valid email address");
        }
        return this;
    }

    /** Required text of at most {@code maxLength} characters (after trimming). */
    public Validation text(String field, String value, int maxLength) {
        required(field, value);
        return optionalText(field, value, maxLength);
    }

    public Validation optionalText(String field, String value, int maxLength) {
        if (value != null && value.trim().length() > maxLength) {
            errors.putIfAbsent(field, "must be at most " + maxLength + " characters");
        }
        return this;
    }

    /** Required value, one of {@code allowed} (exact, lower-case wire form). */
    public Validation oneOf(String field, String value, Collection<String> allowed) {
        required(field, value);
        return optionalOneOf(field, value, allowed);
    }

    public Validation optionalOneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            errors.putIfAbsent(field, "must be one of " + String.join(", ", allowed));
        }
        return this;
    }

    public Validation nonNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            errors.putIfAbsent(field, "must be zero or more");
        }
        return this;
    }

    public Validation range(String field, Number value, double min, double max) {
        if (value != null && (Double.isNaN(value.doubleValue()) || value.doubleValue() < min || value.doubleValue() > max)) {
            errors.putIfAbsent(field, "must be between " + format(min) + " and " + format(max));
        }
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.putIfAbsent(field, message);
        }
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
