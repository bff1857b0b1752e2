CREATE TABLE widget (
    id     UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    seq    INT  NOT NULL
);
