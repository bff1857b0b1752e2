-- crm-service: schema 'crm' (outbox_event and processed_event come from shared-events: db/shared-events).
-- Every row carries org_id and every query filters by it; indexes lead with org_id so one
-- organization's 100,000 leads are found without touching other organizations' rows.

CREATE TABLE lead (
    id               UUID             PRIMARY KEY,
    org_id           UUID             NOT NULL,
    name             TEXT             NOT NULL,
    email            TEXT             NOT NULL,              -- normalised: trimmed, lower-case
    company          TEXT,
    title            TEXT,
    phone            TEXT,
    source           TEXT,
    priority         TEXT             NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
    status           TEXT             NOT NULL CHECK (status IN ('new', 'contacted', 'qualified', 'proposal', 'won', 'lost')),
    notes            TEXT,
    value            NUMERIC(14, 2)   CHECK (value >= 0),
    score            DOUBLE PRECISION NOT NULL CHECK (score >= 0 AND score <= 1),
    score_model      TEXT             NOT NULL,
    score_factors    JSONB            NOT NULL DEFAULT '[]',
    last_activity_at TIMESTAMPTZ,                            -- latest occurred_at of its activities
    created_at       TIMESTAMPTZ      NOT NULL,
    updated_at       TIMESTAMPTZ      NOT NULL,
    closed_at        TIMESTAMPTZ,                            -- when it last entered won/lost (for training features)
    -- what q searches (name, email, company), lower-case, in one column so one index serves it
    search           TEXT GENERATED ALWAYS AS (lower(name) || ' ' || email || ' ' || lower(coalesce(company, ''))) STORED
);
CREATE UNIQUE INDEX lead_org_email ON lead (org_id, email);
CREATE INDEX lead_org_created ON lead (org_id, created_at DESC, id);
CREATE INDEX lead_org_score ON lead (org_id, score DESC, id);
CREATE INDEX lead_org_last_activity ON lead (org_id, last_activity_at DESC NULLS LAST, id);
CREATE INDEX lead_org_status ON lead (org_id, status, created_at DESC);
-- staleDays: "no activity (or, without any, creation) for N days"
CREATE INDEX lead_org_stale ON lead (org_id, (coalesce(last_activity_at, created_at)));

-- Substring search (q) through a trigram index when pg_trgm can be had: the test and administrator
-- connections create it; a service role without CREATE on the database cannot, and then q falls back to
-- scanning the organization's rows (still bounded by org_id). Either way the migration succeeds.
DO $$
DECLARE ext_schema TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm not available (%): lead search works without a trigram index', SQLERRM;
    END;
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX lead_search_trgm ON lead USING gin (search %I.gin_trgm_ops)', ext_schema);
    END IF;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'no trigram index on lead.search (%)', SQLERRM;
END $$;

CREATE TABLE lead_activity (
    id          UUID        PRIMARY KEY,
    org_id      UUID        NOT NULL,
    lead_id     UUID        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    type        TEXT        NOT NULL CHECK (type IN ('email', 'call', 'meeting', 'note', 'followup')),
    summary     TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    source      TEXT        NOT NULL CHECK (source IN ('user', 'task')),
    task_id     UUID,
    created_by  UUID,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_activity_lead ON lead_activity (lead_id, occurred_at DESC);

CREATE TABLE meeting (
    id         UUID        PRIMARY KEY,
    org_id     UUID        NOT NULL,
    lead_id    UUID        REFERENCES lead (id) ON DELETE SET NULL,
    title      TEXT        NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    location   TEXT,
    notes      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX meeting_org_starts ON meeting (org_id, starts_at);
CREATE INDEX meeting_lead ON meeting (lead_id, starts_at);

-- The organization's learned lead-score model (LogisticModel.State); no row = the heuristic prior.
CREATE TABLE lead_score_model (
    org_id            UUID               PRIMARY KEY,
    feature_version   INT                NOT NULL,
    bias              DOUBLE PRECISION   NOT NULL,
    weights           DOUBLE PRECISION[] NOT NULL,
    means             DOUBLE PRECISION[] NOT NULL,
    scales            DOUBLE PRECISION[] NOT NULL,
    trained_on        INT                NOT NULL,
    training_accuracy DOUBLE PRECISION   NOT NULL,
    trained_at        TIMESTAMPTZ        NOT NULL
);
