package com.aiceo.auth.keys;

import com.aiceo.auth.AuthProperties;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The token signing keys (RS256), persisted in {@code signing_keys} with the private part encrypted.
 * The newest unretired key signs; the JWKS serves every unretired key, which is the current and the
 * previous one: a rotation adds a key and retires all but the previous. Rotation and first creation
 * run under a PostgreSQL advisory lock, so several instances create one key, not one each.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long LOCK_KEY = 0x6175746b6579L; // "authkey"
    static final String ALG = "RS256";

    /** The key that signs, with its encoder, and the public keys that verify. */
    public record KeyState(String activeKid, Instant activeCreatedAt, JwtEncoder encoder, List<JWK> publicKeys) {
    }

    private record StoredKey(String kid, String publicJwk, byte[] privateEnc, Instant createdAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KeyEncryption encryption;
    private final AuthProperties props;
    private final AtomicReference<KeyState> state = new AtomicReference<>();

    SigningKeys(DatabaseClient db, TransactionalOperator tx, KeyEncryption encryption, AuthProperties props) {
        this.db = db;
        this.tx = tx;
        this.encryption = encryption;
        this.props = props;
    }

    /** The current keys, loaded (and the first key created) on first use. */
    public Mono<KeyState> current() {
        KeyState known = state.get();
        return known != null ? Mono.just(known) : ensureCurrent(false);
    }

    /** Creates the first key if there is none, rotates if the active key is due, and reloads. */
    public Mono<KeyState> ensureCurrent(boolean forceRotation) {
        Mono<List<StoredKey>> work = db.sql("SELECT pg_advisory_xact_lock(:k)").bind("k", LOCK_KEY)
                .fetch().rowsUpdated()
                .then(unretired())
                .flatMap(keys -> {
                    boolean due = keys.isEmpty() || forceRotation
                            || keys.get(0).createdAt().plus(props.keyRotation()).isBefore(Instant.now())
                            || !decryptable(keys.get(0));
                    if (!due) {
                        return Mono.just(keys);
                    }
                    return createKey().then(retireAllButTwoNewest()).then(unretired());
                });
        return tx.transactional(work)
                .flatMap(keys -> Mono.fromCallable(() -> toState(keys)).subscribeOn(Schedulers.boundedElastic()))
                .doOnNext(s -> {
                    KeyState previous = state.getAndSet(s);
                    if (previous == null || !previous.activeKid().equals(s.activeKid())) {
                        log.info("Signing key {} is active ({} keys published)", s.activeKid(), s.publicKeys().size());
                    }
                });
    }

    /** Public keys to verify a token signed with {@code kid}; an unknown kid reloads from the database once. */
    public Flux<JWK> verificationKeys(String kid) {
        return current().flatMap(s -> contains(s, kid) ? Mono.just(s) : ensureCurrent(false))
                .flatMapMany(s -> Flux.fromIterable(s.publicKeys()))
                .filter(k -> kid == null || kid.equals(k.getKeyID()));
    }

    /** The JWK set document (public keys only). */
    public Mono<Map<String, Object>> jwkSet() {
        return current().map(s -> new JWKSet(s.publicKeys()).toJSONObject(true));
    }

    private static boolean contains(KeyState s, String kid) {
        return s.publicKeys().stream().anyMatch(k -> k.getKeyID().equals(kid));
    }

    /**
     * False when the active private key cannot be decrypted with the configured key-encryption key
     * (it was changed or lost): a new signing key then takes over instead of every login failing; the
     * old public key stays published until rotation retires it.
     */
    private boolean decryptable(StoredKey key) {
        try {
            encryption.decrypt(key.privateEnc(), key.kid());
            return true;
        } catch (RuntimeException e) {
            log.warn("Signing key {} cannot be decrypted with the configured AUTH_KEY_ENCRYPTION_KEY "
                    + "(was it changed?); a new signing key takes over", key.kid());
            return false;
        }
    }

    private Mono<List<StoredKey>> unretired() {
        return db.sql("""
                        SELECT kid, public_jwk, private_key_enc, created_at FROM signing_keys
                        WHERE retired_at IS NULL ORDER BY created_at DESC, kid""")
                .map(r -> new StoredKey(r.get("kid", String.class), r.get("public_jwk", String.class),
                        bytes(r.get("private_key_enc", ByteBuffer.class)), r.get("created_at", Instant.class)))
                .all().collectList();
    }

    private Mono<Void> createKey() {
        return Mono.fromCallable(this::generate).subscribeOn(Schedulers.boundedElastic())
                .flatMap(k -> db.sql("""
                                INSERT INTO signing_keys (kid, alg, public_jwk, private_key_enc, created_at)
                                VALUES (:kid, :alg, :jwk, :priv, clock_timestamp())""")
                        .bind("kid", k.kid()).bind("alg", ALG).bind("jwk", k.publicJwk())
                        .bind("priv", ByteBuffer.wrap(k.privateEnc()))
                        .fetch().rowsUpdated())
                .then();
    }

    private Mono<Void> retireAllButTwoNewest() {
        return db.sql("""
                        UPDATE signing_keys SET retired_at = now()
                        WHERE retired_at IS NULL AND kid NOT IN (
                            SELECT kid FROM signing_keys WHERE retired_at IS NULL
                            ORDER BY created_at DESC, kid LIMIT 2)""")
                .fetch().rowsUpdated().then();
    }

    private StoredKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String kid = UUID.randomUUID().toString();
        RSAKey publicJwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid)
                .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        byte[] privateEnc = encryption.encrypt(pair.getPrivate().getEncoded(), kid);
        return new StoredKey(kid, publicJwk.toJSONString(), privateEnc, Instant.now());
    }

    private KeyState toState(List<StoredKey> keys) throws ParseException, GeneralSecurityException {
        StoredKey active = keys.get(0);
        RSAKey activePublic = RSAKey.parse(active.publicJwk());
        RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(encryption.decrypt(active.privateEnc(), active.kid())));
        RSAKey signing = new RSAKey.Builder(activePublic).privateKey(privateKey).build();
        JwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signing)));
        List<JWK> publicKeys = new java.util.ArrayList<>();
        for (StoredKey k : keys) {
            publicKeys.add(RSAKey.parse(k.publicJwk()));
        }
        return new KeyState(active.kid(), active.createdAt(), encoder, List.copyOf(publicKeys));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
