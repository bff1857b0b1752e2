-- auth-service's own tables (schema auth). The outbox/inbox tables come from shared-events (V0_1).

CREATE TABLE users (
    id            UUID        PRIMARY KEY,
    email         TEXT        NOT NULL,   -- stored normalised (trimmed, lower case)
    name          TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,   -- bcrypt
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Case-insensitive uniqueness, whatever a future writer forgets to normalise.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE organizations (
    id         UUID        PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_by UUID        NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    org_id     UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Opaque refresh tokens, stored only as SHA-256 hashes. A family is one login session; every
-- refresh spends the presented token (replaced_by) and adds the next one to the family.
CREATE TABLE refresh_tokens (
    id          UUID        PRIMARY KEY,
    family_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id      UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    token_hash  TEXT        NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    replaced_by UUID,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_org ON refresh_tokens (user_id, org_id);

-- Token signing keys. The private key (PKCS#8) is encrypted with AES-256-GCM under the key from
-- AUTH_KEY_ENCRYPTION_KEY (iv || ciphertext+tag, the kid as associated data). Keys with
-- retired_at NULL are served at the JWKS endpoint; the newest of them signs.
CREATE TABLE signing_keys (
    kid             TEXT        PRIMARY KEY,
    alg             TEXT        NOT NULL,
    public_jwk      TEXT        NOT NULL,
    private_key_enc BYTEA       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at      TIMESTAMPTZ
);

-- Failed logins, counted per account (SHA-256 of the normalised email, so no address is stored
-- for unknown accounts) and per client address, shared by every instance.
CREATE TABLE login_failures (
    id           BIGSERIAL   PRIMARY KEY,
    subject_kind TEXT        NOT NULL CHECK (subject_kind IN ('account', 'address')),
    subject      TEXT        NOT NULL,
    failed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_subject ON login_failures (subject_kind, subject, failed_at);

CREATE TABLE invitations (
    id          UUID        PRIMARY KEY,
    org_id      UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email       TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    token_hash  TEXT        NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    accepted_by UUID REFERENCES users (id),
    created_by  UUID        NOT NULL REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX invitations_org ON invitations (org_id);
