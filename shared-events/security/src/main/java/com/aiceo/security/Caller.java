package com.aiceo.security;

import java.util.Objects;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, from a verified access token: the user ({@code sub}), the organization the token is
 * for ({@code org}; scope every query and command by it), the role in that organization ({@code role})
 * and the email ({@code email}, may be null).
 *
 * <p>Handlers get it as a method argument ({@code Mono<Lead> get(Caller caller, ...)}) or as
 * {@link Callers#current()}; check roles with {@link #require(Role)}.
 */
public record Caller(UUID userId, UUID orgId, Role role, String email) {

    /** Claim names of the platform's access tokens (issued by auth-service). */
    public static final String ORG_CLAIM = "org";
    public static final String ROLE_CLAIM = "role";
    public static final String EMAIL_CLAIM = "email";

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(role, "role");
    }

    /**
     * The caller a verified token names.
     *
     * @throws IllegalArgumentException if {@code sub} or {@code org} is not a UUID or {@code role} is not a
     *     role (the platform's decoder refuses such tokens with a 401 before any handler runs)
     */
    public static Caller of(Jwt jwt) {
        return new Caller(uuid(jwt.getSubject(), "sub"), uuid(jwt.getClaimAsString(ORG_CLAIM), ORG_CLAIM),
                Role.fromClaim(jwt.getClaimAsString(ROLE_CLAIM)), jwt.getClaimAsString(EMAIL_CLAIM));
    }

    /** Whether the caller's role is {@code minimum} or stronger. */
    public boolean hasRole(Role minimum) {
        return role.atLeast(minimum);
    }

    /**
     * Refuses the request unless the caller's role is {@code minimum} or stronger.
     *
     * @return this caller, for chaining
     * @throws org.springframework.web.ErrorResponseException a 403 problem (rendered as
     *     {@code application/problem+json} by WebFlux's problem-details handling)
     */
    public Caller require(Role minimum) {
        if (!hasRole(minimum)) {
            throw Problems.forbidden("This needs the " + minimum.value() + " role or stronger in the organization.");
        }
        return this;
    }

    private static UUID uuid(String value, String claim) {
        if (value == null) {
            throw new IllegalArgumentException(claim + " is missing");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(claim + " is not a UUID", e);
        }
    }

    @Override
    public String toString() {
        // No email in logs.
        return "Caller[userId=" + userId + ", orgId=" + orgId + ", role=" + role.value() + "]";
    }
}
