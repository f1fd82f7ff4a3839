-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md, C.7): an organisation's recovery key is a principal of
-- its own — kind RECOVERY, owned by the organisation, no staff member — with a key pair wrapped under a key derived from
-- the recovery key (shown once, never stored) and a grant of the organisation's keys like a key holder's.
alter table principal alter column user_id drop not null;
