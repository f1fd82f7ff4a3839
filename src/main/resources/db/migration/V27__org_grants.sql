-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md, step 6): each organisation gets an HPKE (X25519) key
-- pair, and its keys — that private key and the keyset that wraps its case keys — are sealed as one bundle to each
-- principal (staff member or API token) whose role reads cases: a grant. A grant opens only with the principal's
-- private key, which opens only with their own secret (V26).
-- Until the cut-over (step 11) the server can still make the bundle itself: the organisation keyset is wrapped by the
-- master key as before, and so is a copy of the private key (private_keyset), which the cut-over drops.
alter table org_key add column public_keyset bytea;    -- HPKE public keyset, Tink binary format without secret
alter table org_key add column private_keyset bytea;   -- the same key pair wrapped by the master key: the legacy opener's copy

create table org_grant (
    org_id        uuid not null,
    principal_id  uuid not null,
    sealed        bytea not null,     -- the organisation's bundle, HPKE-sealed to the principal's public keyset
    created_at    timestamp with time zone not null,
    primary key (org_id, principal_id)
);
