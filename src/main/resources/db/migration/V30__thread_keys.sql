-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md C.6, step 8): each case opened by the public intake gets a
-- thread key, which encrypts its messages (both directions). It is wrapped twice: by the case's own key (staff, who
-- open the case key) and by a key derived from the requester's codename (HKDF with a salt of the case's own), so that
-- the follow-up page shows the organisation's replies with nobody of the organisation logged in. Kept in the case's
-- key row: erasing the case deletes it with the case key.
alter table case_key add column thread_org bytea;        -- thread keyset wrapped by the case's AEAD keyset
alter table case_key add column thread_requester bytea;  -- the same keyset wrapped under HKDF(codename, thread_salt)
alter table case_key add column thread_salt bytea;
