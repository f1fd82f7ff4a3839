-- Staff log-in: activation links, the TOTP second factor, recovery codes, throttling, API tokens.

alter table app_user add column activation_hash varchar(64);
alter table app_user add column activation_expires_at timestamp with time zone;
-- The TOTP secret, encrypted under the organisation's key (protection module).
alter table app_user add column totp_secret bytea;
alter table app_user add column totp_enrolled boolean default false not null;
alter table app_user add column failed_attempts integer default 0 not null;
alter table app_user add column locked_until timestamp with time zone;

create table recovery_code (
    user_id    uuid not null references app_user (id),
    code_hash  varchar(64) not null,          -- SHA-256 of a 50-bit random code, used once
    used_at    timestamp with time zone,
    primary key (user_id, code_hash)
);

create table api_token (
    id          uuid primary key,
    user_id     uuid not null references app_user (id),
    token_hash  varchar(64) not null unique,  -- SHA-256 of the token; the token is shown once
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
