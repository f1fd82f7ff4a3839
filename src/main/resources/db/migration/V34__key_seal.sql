-- Issue #23, ADR 0006 step 11 (the cut-over): `./haven keys seal` removes the master key's copies of every
-- organisation's keys — the keyset that wraps its case keys (org_key.keyset), its private key (private_keyset) and its
-- blind-index keys (blind_index_key) — so that from then on only a key holder's own secret opens them. An organisation
-- made after the seal never has those copies: its first key holder gets keys made at that moment, of which the server
-- keeps the public key and the primary key's id only.
alter table org_key alter column keyset drop not null;

-- One row once the installation is sealed; checked at every start: the legacy opener is then off whatever
-- haven.protection.legacy-opener says. A key table (KeyStore.KEY_TABLES): it goes with the keys backup, so that a keys
-- backup restores the state its keys are in.
create table key_seal (
    id         int primary key check (id = 1),
    sealed_at  timestamp with time zone not null
);
