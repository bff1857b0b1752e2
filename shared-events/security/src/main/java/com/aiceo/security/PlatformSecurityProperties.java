package com.aiceo.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.security.*}: where the public keys are and what every access token must say.
 *
 * @param jwksUri the JWK set URL of auth-service; default {@code ${AUTH_SERVICE_URL:http://localhost:8081}/api/auth/jwks}
 * @param issuer the required {@code iss}; default {@code aiceo-auth}
 * @param audience the required {@code aud} entry; default {@code aiceo-platform}
 * @param publicPaths path patterns answered without a token (e.g. a service's webhooks); actuator
 *     health, info and prometheus are always public
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        String jwksUri,
        @DefaultValue("aiceo-auth") String issuer,
        @DefaultValue("aiceo-platform") String audience,
        @DefaultValue List<String> publicPaths) {

    /** The default JWK set URL, resolved against the environment ({@code AUTH_SERVICE_URL}). */
    public static final String DEFAULT_JWKS_URI = "${AUTH_SERVICE_URL:http://localhost:8081}/api/auth/jwks";
}
