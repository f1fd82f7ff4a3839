-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md C.8): a referred case's keys are also kept sealed to the
-- referring organisation's public key (the "return seal") while the receiving organisation has not taken the case on:
-- if the person withdraws their consent, the referring organisation takes the case back with its own keys, without
-- any key of the receiving one. Dropped when the receiving organisation accepts or closes the case, or refers it on.
alter table case_key add column return_org uuid;
alter table case_key add column return_sealed bytea;
