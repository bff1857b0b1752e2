CREATE TABLE bench_applied (
    event_id UUID PRIMARY KEY,
    org_id   UUID NOT NULL,
    seq      INT  NOT NULL
);
