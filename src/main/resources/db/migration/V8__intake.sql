-- The public intake (intake module). A requester's codename is never stored: only a keyed lookup index (HMAC under
-- a key file outside the database) and Argon2id of the peppered codename (SECURITY.md S7). Nothing here names or
-- describes the requester, their address or their device (S5).

create table intake_codename (
    lookup      bytea primary key,                  -- HMAC-SHA256(codename lookup key, codename)
    hash        varchar(200) not null,              -- $argon2id$… of HMAC(pepper, codename), random salt
    case_id     uuid not null references case_file (id) on delete cascade,
    created_at  timestamp with time zone not null
);
create index intake_codename_case on intake_codename (case_id);

-- Retried API requests (Idempotency-Key) and re-sent forms: the answer already given, sealed under the organisation's
-- key, kept only for the retention window (haven.intake.idempotency-retention) and then deleted.
create table intake_idempotency (
    key_hash    bytea primary key,                  -- SHA-256 of organisation and the client's key
    org_id      uuid not null references organisation (id),
    sealed      bytea not null,                     -- encrypted: a fingerprint of the request, the reference and codename
    created_at  timestamp with time zone not null
);
create index intake_idempotency_age on intake_idempotency (created_at);
