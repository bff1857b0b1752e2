-- ai-service: schema 'ai' (the outbox and processed_event tables come from shared-events: db/shared-events).

-- The AI CEO's persona, one row per organization (absent row = the defaults for a new organization).
CREATE TABLE ai_config (
    org_id              UUID PRIMARY KEY,
    personality         TEXT             NOT NULL,
    goals               TEXT[]           NOT NULL DEFAULT '{}',
    industry            TEXT             NOT NULL DEFAULT '',
    company_description TEXT             NOT NULL DEFAULT '',
    model               TEXT             NOT NULL,
    temperature         DOUBLE PRECISION NOT NULL CHECK (temperature >= 0 AND temperature <= 2),
    updated_by          UUID,
    updated_at          TIMESTAMPTZ      NOT NULL DEFAULT now()
);

-- Chat history per organization. A user message and its reply are written in one transaction
-- (with the ai.chat.message-sent outbox row), so there is never a half-stored exchange.
CREATE TABLE chat_message (
    id          UUID PRIMARY KEY,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    org_id      UUID        NOT NULL,
    user_id     UUID,
    role        TEXT        NOT NULL CHECK (role IN ('user', 'assistant')),
    content     TEXT        NOT NULL,
    sentiment   TEXT        NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
    emotion     TEXT        NOT NULL,
    model       TEXT,
    tokens_in   INT         NOT NULL DEFAULT 0,
    tokens_out  INT         NOT NULL DEFAULT 0,
    latency_ms  BIGINT      NOT NULL DEFAULT 0,
    sandbox     BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX chat_message_org_seq ON chat_message (org_id, seq DESC);

-- Generation log: every generated text (HTTP or ai.commands) with its usage. request_id answers a
-- command once: a redelivered or repeated request finds its result here instead of calling the model.
CREATE TABLE generation (
    id          UUID PRIMARY KEY,
    org_id      UUID        NOT NULL,
    request_id  UUID        NOT NULL,
    task_id     UUID,
    source      TEXT        NOT NULL CHECK (source IN ('http', 'command')),
    kind        TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('succeeded', 'failed')),
    text        TEXT,
    subject     TEXT,
    reason      TEXT,
    model       TEXT,
    tokens_in   INT         NOT NULL DEFAULT 0,
    tokens_out  INT         NOT NULL DEFAULT 0,
    latency_ms  BIGINT      NOT NULL DEFAULT 0,
    sandbox     BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (org_id, request_id)
);
CREATE INDEX generation_org_created ON generation (org_id, created_at DESC);
