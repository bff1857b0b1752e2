package com.aiceo.auth.account;

import com.aiceo.auth.AuthProperties;
import com.aiceo.auth.org.OrgService;
import com.aiceo.auth.token.Secrets;
import com.aiceo.auth.token.Session;
import com.aiceo.auth.token.TokenService;
import com.aiceo.web.ApiException;
import com.aiceo.events.auth.AuthEvent;
import com.aiceo.events.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Accounts: register (user + organization, owner), login (throttled, no enumeration), me. */
@Service
class AccountService {

    static final String BAD_CREDENTIALS = "The email or password is wrong.";

    record Me(Session.User user, List<Session.Organization> organizations, UUID activeOrganizationId) {
    }

    private record StoredUser(UUID id, String email, String name, String passwordHash) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final OrgService orgs;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;
    /** Checked for unknown emails, so they take as long as a wrong password. */
    private final String dummyHash;

    AccountService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, OrgService orgs, TokenService tokens,
                   LoginThrottle throttle, AuthProperties props) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.orgs = orgs;
        this.tokens = tokens;
        this.throttle = throttle;
        this.encoder = new BCryptPasswordEncoder(props.passwordHashStrength());
        this.dummyHash = encoder.encode(Secrets.newToken());
    }

    Mono<Session> register(String email, String password, String name, String organizationName) {
        return hash(password).flatMap(hash -> tx.transactional(Mono.defer(() -> {
            UUID userId = UUID.randomUUID();
            UUID orgId = UUID.randomUUID(); // the user's first organization: the envelope's orgId of UserRegistered
            return db.sql("""
                            INSERT INTO users (id, email, name, password_hash) VALUES (:id, :email, :name, :hash)
                            ON CONFLICT ((lower(email))) DO NOTHING""")
                    .bind("id", userId).bind("email", email).bind("name", name).bind("hash", hash)
                    .fetch().rowsUpdated()
                    .flatMap(n -> n == 0 ? Mono.error(ApiException.conflict("This email is already registered."))
                            : outbox.append(orgId, new AuthEvent.UserRegistered(userId, name)))
                    .then(orgs.createInTransaction(orgId, userId, organizationName))
                    .flatMap(org -> tokens.startSession(new Session.User(userId, email, name), org));
        })));
    }

    Mono<Session> login(String email, String password, String address) {
        String accountKey = Secrets.sha256(email);
        return throttle.check(accountKey, address)
                .then(findByEmail(email).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .flatMap(user -> matches(password, user.map(StoredUser::passwordHash).orElse(dummyHash))
                        .flatMap(ok -> {
                            if (!ok || user.isEmpty()) {
                                return throttle.recordFailure(accountKey, address)
                                        .then(Mono.error(ApiException.unauthorized(BAD_CREDENTIALS)));
                            }
                            StoredUser u = user.get();
                            return throttle.clearAccount(accountKey)
                                    .then(orgs.organizationsOf(u.id()))
                                    .flatMap(list -> list.isEmpty()
                                            ? Mono.error(ApiException.forbidden("You are not a member of any organization."))
                                            : tokens.startSession(new Session.User(u.id(), u.email(), u.name()),
                                                    list.get(0)));
                        }));
    }

    Mono<Me> me(UUID userId, UUID activeOrgId) {
        return db.sql("SELECT id, email, name FROM users WHERE id = :id").bind("id", userId)
                .map(r -> new Session.User(r.get("id", UUID.class), r.get("email", String.class),
                        r.get("name", String.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("Unknown user.")))
                .zipWith(orgs.organizationsOf(userId))
                .map(t -> new Me(t.getT1(), t.getT2(), activeOrgId));
    }

    private Mono<StoredUser> findByEmail(String email) {
        return db.sql("SELECT id, email, name, password_hash FROM users WHERE lower(email) = :email")
                .bind("email", email)
                .map(r -> new StoredUser(r.get("id", UUID.class), r.get("email", String.class),
                        r.get("name", String.class), r.get("password_hash", String.class))).one();
    }

    /** bcrypt is deliberately slow: off the event loop. */
    private Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash)).subscribeOn(Schedulers.boundedElastic());
    }
}
