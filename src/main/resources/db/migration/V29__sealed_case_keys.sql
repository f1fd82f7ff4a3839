-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md, step 8): a new case's keys are sealed to its
-- organisation's public key (HPKE, X25519), so the intake needs no secret of the organisation. Such a row holds only
-- "sealed"; the first time a key holder opens it, it is "absorbed": wrapped by the organisation's case-key-wrapping
-- keyset (aead_keyset, stream_keyset, wrapped_by) and "sealed" cleared. A row has one form or the other, never neither.
alter table case_key add column sealed bytea;   -- both case keysets as one bundle, HPKE-sealed to org_key.public_keyset
alter table case_key alter column aead_keyset drop not null;
alter table case_key alter column stream_keyset drop not null;
alter table case_key alter column wrapped_by drop not null;
alter table case_key add constraint case_key_sealed_or_wrapped
    check (sealed is not null or (aead_keyset is not null and stream_keyset is not null and wrapped_by is not null));
