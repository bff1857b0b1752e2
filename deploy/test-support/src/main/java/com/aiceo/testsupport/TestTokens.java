package com.aiceo.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Access tokens for tests, signed like auth-service signs them (RS256, header {@code kid}; claims
 * {@code sub}, {@code email}, {@code org}, {@code role}, {@code iss=aiceo-auth}, {@code aud=aiceo-platform},
 * 15 minutes), by an RSA key generated once per JVM whose JWKS is served by a small local HTTP server
 * ({@link #jwksUri()}). {@link ServiceComponentTest} points {@code platform.security.jwks-uri} at it.
 * {@link Bad} lists the tokens every resource server must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "aiceo-auth";
    public static final String AUDIENCE = "aiceo-platform";

    private TestTokens() {
    }

    /** The URL of the test JWKS (the public part of the signing key). */
    public static String jwksUri() {
        return Keys.INSTANCE.jwksUri;
    }

    /** How many times the JWKS was fetched (a resource server caches it). */
    public static int jwksFetches() {
        return Keys.INSTANCE.fetches.get();
    }

    /** A valid access token for that user, organization and role ({@code owner|admin|member}). */
    public static String token(UUID userId, UUID orgId, String role) {
        return token(userId, orgId, role, claims -> { });
    }

    /** A token whose claims {@code customize} changes from the valid ones (still signed by the JWKS key). */
    public static String token(UUID userId, UUID orgId, String role, Consumer<JWTClaimsSet.Builder> customize) {
        JWTClaimsSet.Builder claims = validClaims(userId, orgId, role);
        customize.accept(claims);
        return sign(claims.build(), Keys.INSTANCE.key);
    }

    /** A valid token for a fresh user in a fresh organization. */
    public static String token(String role) {
        return token(UUID.randomUUID(), UUID.randomUUID(), role);
    }

    /** Tokens a resource server must answer with 401. */
    public enum Bad {
        /** Expired ten minutes ago (beyond any clock skew). */
        EXPIRED,
        /** {@code iss} is not aiceo-auth. */
        WRONG_ISSUER,
        /** {@code aud} is not aiceo-platform. */
        WRONG_AUDIENCE,
        /** Signed by another RSA key under the same {@code kid}. */
        SIGNED_BY_ANOTHER_KEY,
        /** A member's token whose payload was edited to say owner, signature kept. */
        TAMPERED_PAYLOAD,
        /** {@code alg: none}, no signature. */
        ALG_NONE,
        /** HS256 with the public key's bytes as the HMAC secret (the key-confusion trick). */
        HS256_WITH_PUBLIC_KEY,
        /** Validly signed but without the {@code org} claim. */
        MISSING_ORG_CLAIM,
        /** Validly signed but without the {@code role} claim. */
        MISSING_ROLE_CLAIM;

        /** A fresh token of this kind. */
        public String token() {
            UUID user = UUID.randomUUID();
            UUID org = UUID.randomUUID();
            return switch (this) {
                case EXPIRED -> TestTokens.token(user, org, "member", c -> c
                        .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(25))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
                case WRONG_ISSUER -> TestTokens.token(user, org, "member", c -> c.issuer("someone-else"));
                case WRONG_AUDIENCE -> TestTokens.token(user, org, "member", c -> c.audience("another-platform"));
                case SIGNED_BY_ANOTHER_KEY -> sign(validClaims(user, org, "member").build(), Keys.INSTANCE.otherKey);
                case TAMPERED_PAYLOAD -> {
                    String[] parts = TestTokens.token(user, org, "member").split("\\.");
                    String payload = Base64URL.encode(validClaims(user, org, "owner").build().toString()).toString();
                    yield parts[0] + "." + payload + "." + parts[2];
                }
                case ALG_NONE -> new PlainJWT(new PlainHeader(), validClaims(user, org, "owner").build()).serialize();
                case HS256_WITH_PUBLIC_KEY -> {
                    try {
                        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(Keys.INSTANCE.key.getKeyID()).build(), validClaims(user, org, "owner").build());
                        jwt.sign(new MACSigner(Keys.INSTANCE.key.toRSAPublicKey().getEncoded()));
                        yield jwt.serialize();
                    } catch (JOSEException e) {
                        throw new IllegalStateException(e);
                    }
                }
                case MISSING_ORG_CLAIM -> TestTokens.token(user, org, "member", c -> c.claim("org", null));
                case MISSING_ROLE_CLAIM -> TestTokens.token(user, org, "member", c -> c.claim("role", null));
            };
        }
    }

    private static JWTClaimsSet.Builder validClaims(UUID userId, UUID orgId, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim("email", "user-" + userId + "@example.com")
                .claim("org", orgId.toString())
                .claim("role", role)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair and the JWKS server, created on first use (once per JVM). */
    private static final class Keys {

        static final Keys INSTANCE = new Keys();

        final RSAKey key;
        final RSAKey otherKey;
        final String jwksUri;
        final AtomicInteger fetches = new AtomicInteger();

        private Keys() {
            try {
                String kid = "test-" + UUID.randomUUID();
                key = new RSAKeyGenerator(2048).keyID(kid).generate();
                otherKey = new RSAKeyGenerator(2048).keyID(kid).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/jwks", exchange -> {
                    fetches.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
