package com.aiceo.auth.invitation;

import com.aiceo.auth.AuthProperties;
import com.aiceo.auth.org.OrgService;
import com.aiceo.auth.token.Secrets;
import com.aiceo.web.ApiException;
import com.aiceo.auth.web.Role;
import com.aiceo.events.auth.AuthEvent;
import com.aiceo.events.outbox.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Invitations: an admin (or owner) invites an email address with a role; the invited user, logged
 * in with that address, accepts with the token. The token is shown once and stored as a hash.
 */
@Service
class InvitationService {

    record Created(UUID id, String token, Instant expiresAt, String email, String role) {
    }

    record Membership(UUID organizationId, String organizationName, UUID userId, String role) {
    }

    private record Stored(UUID id, UUID orgId, String orgName, String email, String role, Instant expiresAt,
                          boolean accepted) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final OrgService orgs;
    private final Duration ttl;

    InvitationService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, OrgService orgs,
                      AuthProperties props) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.orgs = orgs;
        this.ttl = props.invitationTtl();
    }

    Mono<Created> create(UUID callerId, UUID orgId, String email, Role role) {
        Mono<Created> work = orgs.requireRole(orgId, callerId, Role.ADMIN)
                .flatMap(callerRole -> role == Role.OWNER && callerRole != Role.OWNER
                        ? Mono.error(ApiException.forbidden("Only an owner can invite owners."))
                        : Mono.just(callerRole))
                .then(db.sql("""
                                SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id
                                WHERE m.org_id = :org AND lower(u.email) = :email""")
                        .bind("org", orgId).bind("email", email).map(r -> r.get("n", Long.class)).one())
                .flatMap(n -> n > 0 ? Mono.error(ApiException.conflict("This address is already a member."))
                        : Mono.defer(() -> {
                            UUID id = UUID.randomUUID();
                            String token = Secrets.newToken();
                            Instant expiresAt = Instant.now().plus(ttl);
                            return db.sql("""
                                            INSERT INTO invitations (id, org_id, email, role, token_hash, expires_at, created_by)
                                            VALUES (:id, :org, :email, :role, :hash, :expires, :by)""")
                                    .bind("id", id).bind("org", orgId).bind("email", email).bind("role", role.value())
                                    .bind("hash", Secrets.sha256(token)).bind("expires", expiresAt).bind("by", callerId)
                                    .fetch().rowsUpdated()
                                    .then(outbox.append(orgId, new AuthEvent.InvitationCreated(id, role.value(), expiresAt)))
                                    .thenReturn(new Created(id, token, expiresAt, email, role.value()));
                        }));
        return tx.transactional(work);
    }

    Mono<Membership> accept(UUID callerId, String token) {
        Mono<Membership> work = db.sql("""
                        SELECT i.id, i.org_id, o.name AS org_name, i.email, i.role, i.expires_at,
                               i.accepted_at IS NOT NULL AS accepted
                        FROM invitations i JOIN organizations o ON o.id = i.org_id
                        WHERE i.token_hash = :hash FOR UPDATE OF i""")
                .bind("hash", Secrets.sha256(token))
                .map(r -> new Stored(r.get("id", UUID.class), r.get("org_id", UUID.class),
                        r.get("org_name", String.class), r.get("email", String.class), r.get("role", String.class),
                        r.get("expires_at", Instant.class), Boolean.TRUE.equals(r.get("accepted", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such invitation.")))
                .zipWith(db.sql("SELECT email FROM users WHERE id = :id").bind("id", callerId)
                        .map(r -> r.get("email", String.class)).one()
                        .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("Unknown user."))))
                .flatMap(t -> {
                    Stored inv = t.getT1();
                    if (inv.accepted()) {
                        return Mono.error(ApiException.conflict("This invitation has already been accepted."));
                    }
                    if (inv.expiresAt().isBefore(Instant.now())) {
                        return Mono.error(ApiException.of(HttpStatus.GONE,
                                "This invitation has expired; ask for a new one."));
                    }
                    if (!inv.email().equalsIgnoreCase(t.getT2())) {
                        return Mono.error(ApiException.forbidden(
                                "This invitation is for another email address than the one you are logged in with."));
                    }
                    Role role = Role.parse(inv.role());
                    return db.sql("SELECT count(*) AS n FROM memberships WHERE org_id = :org AND user_id = :user")
                            .bind("org", inv.orgId()).bind("user", callerId).map(r -> r.get("n", Long.class)).one()
                            .flatMap(n -> n > 0 ? Mono.error(ApiException.conflict("You are already a member."))
                                    : orgs.insertMember(inv.orgId(), callerId, role))
                            .then(db.sql("UPDATE invitations SET accepted_at = now(), accepted_by = :user WHERE id = :id")
                                    .bind("user", callerId).bind("id", inv.id()).fetch().rowsUpdated())
                            .then(outbox.append(inv.orgId(), new AuthEvent.InvitationAccepted(inv.id(), callerId,
                                    role.value())))
                            .then(outbox.append(inv.orgId(), new AuthEvent.MemberAdded(callerId, role.value())))
                            .thenReturn(new Membership(inv.orgId(), inv.orgName(), callerId, role.value()));
                });
        return tx.transactional(work);
    }
}
