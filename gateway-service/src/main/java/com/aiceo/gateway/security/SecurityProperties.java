package com.aiceo.gateway.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway checks access tokens ({@code platform.security.*}) and which browser origins
 * may call it ({@code platform.cors.allowed-origins}).
 *
 * @param jwksUri  auth-service's JWK set ({@code GET /api/auth/jwks})
 * @param issuer   the expected {@code iss}
 * @param audience the expected {@code aud}
 */
@ConfigurationProperties("platform.security")
public record SecurityProperties(URI jwksUri, String issuer, String audience) {

    public SecurityProperties {
        if (jwksUri == null) {
            throw new IllegalArgumentException("platform.security.jwks-uri is required");
        }
        issuer = issuer == null || issuer.isBlank() ? "aiceo-auth" : issuer;
        audience = audience == null || audience.isBlank() ? "aiceo-platform" : audience;
    }

    /** {@code platform.cors.allowed-origins}: exact origins, e.g. {@code http://localhost:5173}. */
    @ConfigurationProperties("platform.cors")
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        }
    }
}
