package com.aiceo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.auth.keys.SigningKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Access tokens: JWKS verification, claims, and every forged or stale token refused with 401. */
class TokenSecurityTest extends AuthServiceComponentTest {

    @Autowired
    SigningKeys keys;

    @Test
    void issuedTokenVerifiesWithItsKeyFromTheJwks() throws Exception {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Acme");
        SignedJWT jwt = SignedJWT.parse(AuthApi.access(session));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        String jwksJson = web.get().uri("/api/auth/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JWKSet jwks = JWKSet.parse(jwksJson);
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwksJson).doesNotContain("\"d\"");
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(AuthApi.userId(session).toString());
        assertThat(claims.getIssuer()).isEqualTo("aiceo-auth");
        assertThat(claims.getAudience()).containsExactly("aiceo-platform");
        assertThat(claims.getStringClaim("org")).isEqualTo(AuthApi.orgId(session).toString());
        assertThat(claims.getStringClaim("role")).isEqualTo("owner");
        assertThat(claims.getStringClaim("email")).endsWith("@example.com");
        long ttl = claims.getExpirationTime().toInstant().getEpochSecond()
                - claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(ttl).isEqualTo(900);
    }

    @Test
    void noTokenOrGarbageIsUnauthorizedProblem() {
        web.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        me("garbage").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void tamperedClaimsAreRefused() {
        String token = AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Acme"));
        me(token).expectStatus().isOk();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"owner\"", "\"admin\"");
        String tampered = parts[0] + "." + b64(payload) + "." + parts[2];
        me(tampered).expectStatus().isUnauthorized();
    }

    @Test
    void algNoneAndHmacWithThePublicKeyAreRefused() throws Exception {
        String token = AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Acme"));
        String[] parts = token.split("\\.");
        me(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".").expectStatus().isUnauthorized();

        SignedJWT original = SignedJWT.parse(token);
        String kid = original.getHeader().getKeyID();
        String publicJwk = web.get().uri("/api/auth/jwks").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                original.getJWTClaimsSet());
        hmac.sign(new MACSigner(publicJwk.getBytes(StandardCharsets.UTF_8)));
        me(hmac.serialize()).expectStatus().isUnauthorized();
    }

    @Test
    void expiredWrongAudienceAndWrongIssuerAreRefused() {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Acme");
        String sub = AuthApi.userId(session).toString();
        String org = AuthApi.orgId(session).toString();
        Instant now = Instant.now();

        me(sign(claims(sub, org, "aiceo-auth", "aiceo-platform", now.minusSeconds(1800), now.minusSeconds(600))))
                .expectStatus().isUnauthorized();
        me(sign(claims(sub, org, "aiceo-auth", "someone-else", now, now.plusSeconds(600))))
                .expectStatus().isUnauthorized();
        me(sign(claims(sub, org, "evil-issuer", "aiceo-platform", now, now.plusSeconds(600))))
                .expectStatus().isUnauthorized();
        // The control: the same construction with the right values is accepted.
        me(sign(claims(sub, org, "aiceo-auth", "aiceo-platform", now, now.plusSeconds(600))))
                .expectStatus().isOk();
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsThePreviousOnePublished() throws Exception {
        String before = AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Acme"));
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        keys.ensureCurrent(true).block();

        String after = AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Acme"));
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet jwks = JWKSet.parse(web.get().uri("/api/auth/jwks").exchange().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid).hasSize(2);
        me(before).expectStatus().isOk();
        me(after).expectStatus().isOk();
        Integer stored = db.sql("SELECT count(*)::int AS n FROM signing_keys WHERE retired_at IS NULL")
                .map(r -> r.get("n", Integer.class)).one().block();
        assertThat(stored).isEqualTo(2);
        byte[] encrypted = db.sql("SELECT private_key_enc FROM signing_keys WHERE kid = :kid").bind("kid", newKid)
                .map(r -> { var b = r.get(0, java.nio.ByteBuffer.class); byte[] a = new byte[b.remaining()]; b.get(a); return a; })
                .one().block();
        // PKCS#8 of an RSA key carries the rsaEncryption OID in clear; encrypted, it must not appear.
        String oid = new String(java.util.HexFormat.of().parseHex("2a864886f70d010101"), StandardCharsets.ISO_8859_1);
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).as("private key is not stored in clear")
                .doesNotContain(oid).hasSizeGreaterThan(1000);
    }

    @Test
    void aSigningKeyThatCannotBeDecryptedIsReplacedNotAFailure() throws Exception {
        // as if AUTH_KEY_ENCRYPTION_KEY had changed since the newest key was stored
        db.sql("""
                        INSERT INTO signing_keys (kid, alg, public_jwk, private_key_enc, created_at)
                        SELECT 'undecryptable', alg, public_jwk, decode('00ff00ff', 'hex'), clock_timestamp()
                        FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1""")
                .fetch().rowsUpdated().block();

        keys.ensureCurrent(false).block();

        String token = AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Acme"));
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isNotEqualTo("undecryptable");
        me(token).expectStatus().isOk();
    }

    private JwtClaimsSet claims(String sub, String org, String iss, String aud, Instant issued, Instant expires) {
        return JwtClaimsSet.builder().subject(sub).issuer(iss).audience(List.of(aud)).issuedAt(issued)
                .expiresAt(expires).claim("org", org).claim("role", "owner").build();
    }

    private String sign(JwtClaimsSet claims) {
        SigningKeys.KeyState state = keys.current().block();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(state.activeKid()).build();
        return state.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return web.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
