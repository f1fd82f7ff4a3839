-- Organisations (tenants), their staff users and the one-time first-start set-up token.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create table organisation (
    id          uuid primary key,
    slug        varchar(64)  not null unique,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table app_user (
    id            uuid primary key,
    org_id        uuid not null references organisation (id),
    email         varchar(254) not null unique,
    display_name  varchar(200) not null,
    role          varchar(32)  not null,
    password_hash varchar(255),
    active        boolean not null,
    created_at    timestamp with time zone not null
);

create index app_user_org on app_user (org_id);

-- Only a SHA-256 hash of the token is kept; the token itself exists only in the printed link.
create table setup_token (
    token_hash  varchar(64) primary key,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
