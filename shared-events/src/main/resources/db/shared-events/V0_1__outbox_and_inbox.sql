-- Shared by every service that publishes or consumes events (shipped by shared-events, applied
-- by Flyway into the service's own schema before its own migrations, which start at V1).

-- Transactional outbox: written in the same transaction as the domain change; the relay
-- publishes rows in seq order and deletes them once Kafka has acknowledged them.
CREATE TABLE outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    event_key   TEXT,
    event_type  TEXT        NOT NULL,
    envelope    TEXT        NOT NULL,
    traceparent TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Wake the relay (LISTEN outbox_<schema>) when a transaction that wrote rows commits.
-- NOTIFY is delivered on commit only, so a rolled-back write wakes nobody.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_event_inserted
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Idempotent consumer: (consumer, event id) recorded in the same transaction as the effect.
CREATE TABLE processed_event (
    consumer_id  TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_id, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
