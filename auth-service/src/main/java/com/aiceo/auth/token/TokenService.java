package com.aiceo.auth.token;

import com.aiceo.auth.AuthProperties;
import com.aiceo.auth.keys.SigningKeys;
import com.aiceo.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Issues sessions (RS256 access token + opaque refresh token), rotates refresh tokens with reuse
 * detection, and revokes them. Refresh tokens are stored only as SHA-256 hashes; a family is one
 * login; presenting a spent token revokes its family.
 */
@Service
public class TokenService {

    private static final String INVALID = "The refresh token is invalid, expired or revoked.";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SigningKeys keys;
    private final AuthProperties props;

    TokenService(DatabaseClient db, TransactionalOperator tx, SigningKeys keys, AuthProperties props) {
        this.db = db;
        this.tx = tx;
        this.keys = keys;
        this.props = props;
    }

    /** A new session (a new refresh-token family); joins the caller's transaction if there is one. */
    public Mono<Session> startSession(Session.User user, Session.Organization org) {
        return insertRefreshToken(UUID.randomUUID(), user.id(), org.id())
                .flatMap(refresh -> session(user, org, refresh));
    }

    /** Spends {@code rawToken} and answers the next pair; a spent token revokes its whole family (401). */
    public Mono<Session> refresh(String rawToken) {
        record Found(UUID id, UUID familyId, UUID userId, UUID orgId, Instant expiresAt, boolean spent,
                     String email, String name, String orgName, String role) {
        }
        Mono<Object> work = db.sql("""
                        SELECT rt.id, rt.family_id, rt.user_id, rt.org_id, rt.expires_at,
                               (rt.revoked_at IS NOT NULL OR rt.replaced_by IS NOT NULL) AS spent,
                               u.email, u.name, o.name AS org_name, m.role
                        FROM refresh_tokens rt
                        JOIN users u ON u.id = rt.user_id
                        JOIN organizations o ON o.id = rt.org_id
                        LEFT JOIN memberships m ON m.org_id = rt.org_id AND m.user_id = rt.user_id
                        WHERE rt.token_hash = :hash
                        FOR UPDATE OF rt""")
                .bind("hash", Secrets.sha256(rawToken))
                .map(r -> new Found(r.get("id", UUID.class), r.get("family_id", UUID.class),
                        r.get("user_id", UUID.class), r.get("org_id", UUID.class), r.get("expires_at", Instant.class),
                        Boolean.TRUE.equals(r.get("spent", Boolean.class)), r.get("email", String.class),
                        r.get("name", String.class), r.get("org_name", String.class), r.get("role", String.class)))
                .one()
                .flatMap(found -> {
                    if (found.spent()) {
                        // Reuse of a spent token: someone else may hold the family. Revoke it, commit, then 401.
                        return revokeFamily(found.familyId()).thenReturn((Object) Boolean.FALSE);
                    }
                    if (found.expiresAt().isBefore(Instant.now()) || found.role() == null) {
                        return Mono.just((Object) Boolean.FALSE);
                    }
                    Session.User user = new Session.User(found.userId(), found.email(), found.name());
                    Session.Organization org = new Session.Organization(found.orgId(), found.orgName(), found.role());
                    return insertRefreshToken(found.familyId(), found.userId(), found.orgId())
                            .flatMap(next -> db.sql("""
                                            UPDATE refresh_tokens SET replaced_by = :next
                                            WHERE id = :id""")
                                    .bind("next", next.id()).bind("id", found.id())
                                    .fetch().rowsUpdated()
                                    .then(session(user, org, next)));
                });
        return tx.transactional(work)
                .flatMap(result -> result instanceof Session s ? Mono.just(s)
                        : Mono.<Session>error(ApiException.unauthorized(INVALID)))
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized(INVALID)));
    }

    /** Logout: revokes the token's family. Unknown tokens are ignored (logout is idempotent). */
    public Mono<Void> revoke(String rawToken) {
        return db.sql("""
                        UPDATE refresh_tokens SET revoked_at = now()
                        WHERE revoked_at IS NULL AND family_id = (
                            SELECT family_id FROM refresh_tokens WHERE token_hash = :hash)""")
                .bind("hash", Secrets.sha256(rawToken))
                .fetch().rowsUpdated().then();
    }

    /** Revokes every refresh token of {@code userId} in {@code orgId} (member removed); joins the caller's transaction. */
    public Mono<Long> revokeMember(UUID userId, UUID orgId) {
        return db.sql("""
                        UPDATE refresh_tokens SET revoked_at = now()
                        WHERE user_id = :user AND org_id = :org AND revoked_at IS NULL""")
                .bind("user", userId).bind("org", orgId)
                .fetch().rowsUpdated();
    }

    private Mono<Long> revokeFamily(UUID familyId) {
        return db.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :f AND revoked_at IS NULL")
                .bind("f", familyId).fetch().rowsUpdated();
    }

    private record NewRefresh(UUID id, String raw) {
    }

    private Mono<NewRefresh> insertRefreshToken(UUID familyId, UUID userId, UUID orgId) {
        return Mono.defer(() -> {
            NewRefresh token = new NewRefresh(UUID.randomUUID(), Secrets.newToken());
            return db.sql("""
                            INSERT INTO refresh_tokens (id, family_id, user_id, org_id, token_hash, expires_at)
                            VALUES (:id, :family, :user, :org, :hash, :expires)""")
                    .bind("id", token.id()).bind("family", familyId).bind("user", userId).bind("org", orgId)
                    .bind("hash", Secrets.sha256(token.raw()))
                    .bind("expires", Instant.now().plus(props.refreshTokenTtl()))
                    .fetch().rowsUpdated().thenReturn(token);
        });
    }

    private Mono<Session> session(Session.User user, Session.Organization org, NewRefresh refresh) {
        return keys.current().map(k -> {
            Instant now = Instant.now();
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(props.issuer())
                    .audience(List.of(props.audience()))
                    .subject(user.id().toString())
                    .issuedAt(now)
                    .expiresAt(now.plus(props.accessTokenTtl()))
                    .id(UUID.randomUUID().toString())
                    .claim("email", user.email())
                    .claim("org", org.id().toString())
                    .claim("role", org.role())
                    .build();
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(k.activeKid()).type("JWT").build();
            String access = k.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
            return new Session(access, refresh.raw(), "Bearer", props.accessTokenTtl().toSeconds(), user, org);
        });
    }
}
