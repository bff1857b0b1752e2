package com.aiceo.auth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small client helpers for the component tests: each call comes from its own client address. */
final class AuthApi {

    static final String PASSWORD = "correct-Horse-42";
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    private AuthApi() {
    }

    static String uniqueEmail() {
        return "User-" + UUID.randomUUID() + "@Example.com";
    }

    /** A fresh client address (X-Forwarded-For is trusted in tests) so throttling tests do not interfere. */
    static String newAddress() {
        int n = ADDRESS.getAndIncrement();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> register(WebTestClient web, String email, String orgName) {
        return web.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", newAddress())
                .bodyValue(Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace",
                        "organizationName", orgName))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    static WebTestClient.ResponseSpec login(WebTestClient web, String email, String password, String address) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    static String access(Map<String, Object> session) {
        return (String) session.get("accessToken");
    }

    static String refresh(Map<String, Object> session) {
        return (String) session.get("refreshToken");
    }

    @SuppressWarnings("unchecked")
    static UUID orgId(Map<String, Object> session) {
        return UUID.fromString((String) ((Map<String, Object>) session.get("organization")).get("id"));
    }

    @SuppressWarnings("unchecked")
    static UUID userId(Map<String, Object> session) {
        return UUID.fromString((String) ((Map<String, Object>) session.get("user")).get("id"));
    }
}
