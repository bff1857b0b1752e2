package com.aiceo.auth.token;

import java.util.UUID;

/** The answer of register, login, refresh and switch: a token pair plus who and where. */
public record Session(String accessToken, String refreshToken, String tokenType, long expiresIn,
                      User user, Organization organization) {

    public record User(UUID id, String email, String name) {
    }

    public record Organization(UUID id, String name, String role) {
    }
}
