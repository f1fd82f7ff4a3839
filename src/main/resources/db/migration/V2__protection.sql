-- Wrapped keys (protection module). Ids only: no foreign keys into other modules' tables.
-- These tables are excluded from database backups; keys are backed up separately.

create table org_key (
    org_id            uuid primary key,
    keyset            bytea   not null,   -- Tink keyset (AES-256-GCM), encrypted by the master key
    primary_key_id    bigint  not null,   -- the id of its primary key: case keys wrapped by another are due for re-wrapping
    rotation_pending  boolean not null,
    updated_at        timestamp with time zone not null
);

create table case_key (
    case_id        uuid primary key,
    org_id         uuid   not null,
    aead_keyset    bytea  not null,       -- Tink keyset (AES-256-GCM) for fields, encrypted by the organisation keyset
    stream_keyset  bytea  not null,       -- Tink keyset (AES-256-GCM-HKDF streaming) for documents
    wrapped_by     bigint not null,       -- id of the organisation key that wrapped both
    created_at     timestamp with time zone not null
);

create index case_key_org_wrapped on case_key (org_id, wrapped_by);

create table blind_index_key (
    org_id      uuid        not null,
    index_name  varchar(64) not null,
    keyset      bytea       not null,     -- Tink keyset (HMAC-SHA256), encrypted by the master key
    primary key (org_id, index_name)
);
