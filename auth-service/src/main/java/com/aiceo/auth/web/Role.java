package com.aiceo.auth.web;

import java.util.Locale;

/** Roles in an organization, strongest first: owner > admin > member. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Role parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is null");
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** The wire and database form: owner|admin|member. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
