-- deliberately no unique constraint on event_id: only the idempotent consumer prevents a second apply
CREATE TABLE applied_event (
    id       BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    org_id   UUID NOT NULL,
    seq      INT  NOT NULL
);
