package com.aiceo.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Access tokens as auth-service issues them (RS256, header kid; sub, email, org, role, iss
 * {@code aiceo-auth}, aud {@code aiceo-platform}, 15 minutes), signed with RSA keys made in the
 * test, and the forgeries the gateway must refuse.
 */
public final class TestTokens {

    /** The key auth-service signs with; its public half is in {@link #jwks()}. */
    public static final RSAKey KEY = generate("test-key-1");
    /** A key nobody published. */
    public static final RSAKey OTHER_KEY = generate("test-key-2");

    private TestTokens() {
    }

    public static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK set of the given keys' public halves. */
    public static String jwks(RSAKey... keys) {
        return new JWKSet(List.of(keys).stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList())
                .toString();
    }

    public static String jwks() {
        return jwks(KEY);
    }

    /** A valid token's claims for {@code userId}, changed by {@code change}. */
    public static JWTClaimsSet claims(String userId, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("email", "ada@example.com")
                .claim("org", "7f1c1d0e-0000-4000-8000-000000000001")
                .claim("role", "member")
                .issuer("aiceo-auth")
                .audience("aiceo-platform")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString());
        change.accept(builder);
        return builder.build();
    }

    public static String valid() {
        return valid("0b5c8f5e-0000-4000-8000-00000000000a");
    }

    public static String valid(String userId) {
        return sign(KEY, claims(userId, claims -> {
        }));
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned ({@code alg: none}). */
    public static String algNone(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** HS256 with the published public key's bytes as the HMAC secret (the key-confusion trick). */
    public static String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = KEY.toPublicJWK().toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was swapped for one claiming role owner, keeping the signature. */
    public static String tampered() {
        String[] parts = valid().split("\\.");
        String payload = claims("0b5c8f5e-0000-4000-8000-00000000000a", claims -> claims.claim("role", "owner"))
                .toString();
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    }
}
