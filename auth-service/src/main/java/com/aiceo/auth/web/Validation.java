package com.aiceo.auth.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects field errors of a request body; {@link #throwIfAny()} turns them into one 400 problem. */
public final class Validation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_EMAIL = 254;

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Trims and lower-cases an email address; {@code null} stays {@code null}. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public Validation email(String field, String normalisedEmail) {
        if (normalisedEmail == null || normalisedEmail.isEmpty()) {
            errors.putIfAbsent(field, "is required");
        } else if (normalisedEmail.length() > MAX_EMAIL || !EMAIL.matcher(normalisedEmail).matches()) {
            errors.putIfAbsent(field, "is not a valid email address");
        }
        return this;
    }

    public Validation text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.putIfAbsent(field, "is required");
        } else if (value.trim().length() > maxLength) {
            errors.putIfAbsent(field, "must be at most " + maxLength + " characters");
        }
        return this;
    }

    public Validation role(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.putIfAbsent(field, "is required");
        } else if (!Role.isValid(value)) {
            errors.putIfAbsent(field, "must be one of owner, admin, member");
        }
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.putIfAbsent(field, message);
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
