CREATE TABLE bench_order (
    id         UUID PRIMARY KEY,
    org_id     UUID NOT NULL,
    seq        INT  NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
