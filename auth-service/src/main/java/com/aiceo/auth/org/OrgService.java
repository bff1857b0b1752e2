package com.aiceo.auth.org;

import com.aiceo.auth.token.Session;
import com.aiceo.auth.token.TokenService;
import com.aiceo.web.ApiException;
import com.aiceo.auth.web.Role;
import com.aiceo.events.auth.AuthEvent;
import com.aiceo.events.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organizations and their members. Roles are read from the database on every call (a token's role
 * may be up to 15 minutes old). An organization the caller does not belong to answers 404. Changes
 * to an organization's members lock its row first, so the last-owner guard holds under concurrency.
 */
@Service
public class OrgService {

    public record Member(UUID userId, String email, String name, String role) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final TokenService tokens;

    OrgService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, TokenService tokens) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /** Creates an organization owned by {@code ownerId}, with its events; must run inside a transaction. */
    public Mono<Session.Organization> createInTransaction(UUID ownerId, String name) {
        return createInTransaction(UUID.randomUUID(), ownerId, name);
    }

    /** As {@link #createInTransaction(UUID, String)}, with the organization's id chosen by the caller. */
    public Mono<Session.Organization> createInTransaction(UUID orgId, UUID ownerId, String name) {
        return db.sql("INSERT INTO organizations (id, name, created_by) VALUES (:id, :name, :owner)")
                .bind("id", orgId).bind("name", name).bind("owner", ownerId)
                .fetch().rowsUpdated()
                .then(insertMember(orgId, ownerId, Role.OWNER))
                .then(outbox.append(orgId, new AuthEvent.OrganizationCreated(orgId, name, ownerId)))
                .then(outbox.append(orgId, new AuthEvent.MemberAdded(ownerId, Role.OWNER.value())))
                .thenReturn(new Session.Organization(orgId, name, Role.OWNER.value()));
    }

    /** Adds a member (no event); joins the caller's transaction. */
    public Mono<Void> insertMember(UUID orgId, UUID userId, Role role) {
        return db.sql("INSERT INTO memberships (org_id, user_id, role) VALUES (:org, :user, :role)")
                .bind("org", orgId).bind("user", userId).bind("role", role.value())
                .fetch().rowsUpdated().then();
    }

    /** The caller's role in {@code orgId}; 404 if not a member. */
    public Mono<Role> roleOf(UUID orgId, UUID userId) {
        return db.sql("SELECT role FROM memberships WHERE org_id = :org AND user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(r -> Role.parse(r.get("role", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such organization.")));
    }

    /** The caller's role, at least {@code required} (403 below it, 404 if not a member). */
    public Mono<Role> requireRole(UUID orgId, UUID userId, Role required) {
        return roleOf(orgId, userId).flatMap(role -> role.atLeast(required) ? Mono.just(role)
                : Mono.error(ApiException.forbidden("This needs the " + required.value() + " role or higher.")));
    }

    public Mono<Session.Organization> organization(UUID orgId, UUID userId) {
        return db.sql("""
                        SELECT o.id, o.name, m.role FROM organizations o
                        JOIN memberships m ON m.org_id = o.id AND m.user_id = :user
                        WHERE o.id = :org""")
                .bind("org", orgId).bind("user", userId)
                .map(r -> new Session.Organization(r.get("id", UUID.class), r.get("name", String.class),
                        r.get("role", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such organization.")));
    }

    /** Every organization of the user, oldest membership first. */
    public Mono<List<Session.Organization>> organizationsOf(UUID userId) {
        return db.sql("""
                        SELECT o.id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
                        WHERE m.user_id = :user ORDER BY m.created_at, o.id""")
                .bind("user", userId)
                .map(r -> new Session.Organization(r.get("id", UUID.class), r.get("name", String.class),
                        r.get("role", String.class))).all().collectList();
    }

    Mono<Session.Organization> create(UUID callerId, String name) {
        return tx.transactional(createInTransaction(callerId, name));
    }

    Mono<Session> switchTo(UUID callerId, UUID orgId) {
        return organization(orgId, callerId).zipWith(user(callerId))
                .flatMap(t -> tokens.startSession(t.getT2(), t.getT1()));
    }

    Mono<Page<Member>> members(UUID callerId, UUID orgId, int page, int size) {
        return roleOf(orgId, callerId).then(db.sql("SELECT count(*) AS n FROM memberships WHERE org_id = :org")
                        .bind("org", orgId).map(r -> r.get("n", Long.class)).one())
                .flatMap(total -> db.sql("""
                                SELECT m.user_id, u.email, u.name, m.role FROM memberships m
                                JOIN users u ON u.id = m.user_id WHERE m.org_id = :org
                                ORDER BY m.created_at, m.user_id LIMIT :limit OFFSET :offset""")
                        .bind("org", orgId).bind("limit", size).bind("offset", (long) page * size)
                        .map(r -> new Member(r.get("user_id", UUID.class), r.get("email", String.class),
                                r.get("name", String.class), r.get("role", String.class)))
                        .all().collectList()
                        .map(items -> new Page<>(items, page, size, total)));
    }

    Mono<Member> changeRole(UUID callerId, UUID orgId, UUID userId, Role newRole) {
        Mono<Member> work = lockOrganization(orgId)
                .then(requireRole(orgId, callerId, Role.ADMIN))
                .flatMap(callerRole -> member(orgId, userId).flatMap(target -> {
                    Role previous = Role.parse(target.role());
                    if ((newRole == Role.OWNER || previous == Role.OWNER) && callerRole != Role.OWNER) {
                        return Mono.error(ApiException.forbidden("Only an owner can make or change owners."));
                    }
                    if (previous == newRole) {
                        return Mono.just(target);
                    }
                    Mono<Void> guard = previous == Role.OWNER ? requireAnotherOwner(orgId,
                            "The last owner cannot be demoted; make someone else owner first.") : Mono.empty();
                    return guard
                            .then(db.sql("UPDATE memberships SET role = :role WHERE org_id = :org AND user_id = :user")
                                    .bind("role", newRole.value()).bind("org", orgId).bind("user", userId)
                                    .fetch().rowsUpdated())
                            .then(outbox.append(orgId, new AuthEvent.MemberRoleChanged(userId, previous.value(),
                                    newRole.value())))
                            .thenReturn(new Member(userId, target.email(), target.name(), newRole.value()));
                }));
        return tx.transactional(work);
    }

    Mono<Void> remove(UUID callerId, UUID orgId, UUID userId) {
        Mono<Void> work = lockOrganization(orgId)
                .then(requireRole(orgId, callerId, Role.ADMIN))
                .flatMap(callerRole -> member(orgId, userId).flatMap(target -> {
                    Role role = Role.parse(target.role());
                    if (role == Role.OWNER && callerRole != Role.OWNER) {
                        return Mono.error(ApiException.forbidden("Only an owner can remove an owner."));
                    }
                    Mono<Void> guard = role == Role.OWNER ? requireAnotherOwner(orgId,
                            "The last owner cannot be removed; make someone else owner first.") : Mono.empty();
                    return guard
                            .then(db.sql("DELETE FROM memberships WHERE org_id = :org AND user_id = :user")
                                    .bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                            .then(tokens.revokeMember(userId, orgId))
                            .then(outbox.append(orgId, new AuthEvent.MemberRemoved(userId)))
                            .then();
                }));
        return tx.transactional(work);
    }

    private Mono<Void> lockOrganization(UUID orgId) {
        return db.sql("SELECT id FROM organizations WHERE id = :org FOR UPDATE").bind("org", orgId)
                .fetch().rowsUpdated().then();
    }

    private Mono<Member> member(UUID orgId, UUID userId) {
        return db.sql("""
                        SELECT m.user_id, u.email, u.name, m.role FROM memberships m
                        JOIN users u ON u.id = m.user_id WHERE m.org_id = :org AND m.user_id = :user""")
                .bind("org", orgId).bind("user", userId)
                .map(r -> new Member(r.get("user_id", UUID.class), r.get("email", String.class),
                        r.get("name", String.class), r.get("role", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such member.")));
    }

    private Mono<Void> requireAnotherOwner(UUID orgId, String detail) {
        return db.sql("SELECT count(*) AS n FROM memberships WHERE org_id = :org AND role = 'owner'")
                .bind("org", orgId).map(r -> r.get("n", Long.class)).one()
                .flatMap(n -> n > 1 ? Mono.<Void>empty() : Mono.error(ApiException.conflict(detail)));
    }

    private Mono<Session.User> user(UUID userId) {
        return db.sql("SELECT id, email, name FROM users WHERE id = :id").bind("id", userId)
                .map(r -> new Session.User(r.get("id", UUID.class), r.get("email", String.class),
                        r.get("name", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("Unknown user.")));
    }
}
