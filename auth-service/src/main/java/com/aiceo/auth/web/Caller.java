package com.aiceo.auth.web;

import com.aiceo.web.ApiException;

import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from a verified access token: user id (sub) and active organization (org). */
public record Caller(UUID userId, UUID orgId) {

    public static Caller of(Jwt jwt) {
        if (jwt == null) {
            throw ApiException.unauthorized("A valid bearer access token is required.");
        }
        return new Caller(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString("org")));
    }
}
