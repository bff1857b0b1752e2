package com.aiceo.security;

import java.util.Locale;

/**
 * A member's role in an organization, strongest first: {@code OWNER > ADMIN > MEMBER}. On the wire
 * (the token's {@code role} claim) it is lower case: {@code owner|admin|member}.
 */
public enum Role {
    /** Billing, deleting the organization, making owners; everything an admin does. */
    OWNER,
    /** Members, roles, integrations; everything a member does. */
    ADMIN,
    /** Uses the features. */
    MEMBER;

    /** Whether this role is {@code minimum} or stronger (an owner is at least an admin). */
    public boolean atLeast(Role minimum) {
        return ordinal() <= minimum.ordinal();
    }

    /** The wire form: {@code owner}, {@code admin} or {@code member}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the wire form (case-insensitive).
     *
     * @throws IllegalArgumentException if {@code value} is null or not a role
     */
    public static Role fromClaim(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is missing");
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
