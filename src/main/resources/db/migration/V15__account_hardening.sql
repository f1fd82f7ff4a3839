-- Staff accounts hardened (issue #15, accounts).

-- The TOTP time step of the last accepted code, so that a code works once, on every node (SECURITY.md: second factor).
alter table app_user add column totp_last_step bigint;

-- Four eyes for case access: an ADMIN's invitation into, or change to, a role that reads cases (INTAKE, CASEWORKER,
-- LAWYER, COORDINATOR) waits here until a COORDINATOR of the same organisation approves it. Until then an invited
-- user has no activation link at all; a role change is not made. Approval or refusal removes the row (audited).
create table role_grant (
    id            uuid primary key,
    org_id        uuid not null references organisation (id),
    user_id       uuid not null references app_user (id),
    role          varchar(20) not null,
    kind          varchar(10) not null,       -- INVITE (no password yet: approval issues the activation link) or ROLE
    requested_by  uuid not null references app_user (id),
    requested_at  timestamp with time zone not null
);
create unique index role_grant_user on role_grant (user_id);
create index role_grant_org on role_grant (org_id);
