-- Test-only: a table of protected fields, standing in for the case tables of later modules, so that
-- the canary, shredding and backup tests have ciphertext to look for and to restore.
create table canary_field (
    case_id  uuid primary key,
    org_id   uuid  not null,
    body     bytea not null
);
