-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md, step 5): a key pair per principal — a staff member, or
-- one of their API tokens — whose public half is stored as it is and whose private half is stored only wrapped under
-- each log-in secret of that principal (a key derived with Argon2id from the password, or with HKDF from the token's
-- secret). Nothing here opens without that secret. Later steps seal the organisation's keys to these public keys.
-- Key tables (KeyStore.KEY_TABLES): in the --keys backups with the other keys, not in the database backups; like the
-- other key tables they have no foreign keys, so that either kind of backup restores on its own.
create table principal (
    id             uuid primary key,
    owner_id       uuid not null unique,     -- the staff member's user id, or the API token's id
    kind           varchar(8) not null,      -- STAFF or TOKEN
    user_id        uuid not null,            -- the staff member (a token's owner)
    org_id         uuid not null,
    public_keyset  bytea not null,           -- HPKE (X25519) public keyset, Tink binary format without secret
    created_at     timestamp with time zone not null
);

create index principal_user on principal (user_id);

create table principal_wrap (
    principal_id  uuid not null,
    kind          varchar(16) not null,      -- PASSWORD or TOKEN
    salt          bytea not null,
    cost          varchar(32),               -- Argon2id memory KiB, iterations, lanes of a PASSWORD wrap: "19456,2,1"
    wrapped       bytea not null,            -- the private keyset, AES-256-GCM under the derived key, bound to principal and kind
    created_at    timestamp with time zone not null,
    primary key (principal_id, kind)
);
