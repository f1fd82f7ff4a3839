-- A staff member's calendar feed of their tasks (cases module): the secret address holds a random token; only its
-- SHA-256 is stored. A new address replaces the old one.
create table calendar_token (
    id          uuid primary key,
    user_id     uuid not null references app_user (id),
    org_id      uuid not null references organisation (id),
    token_hash  varchar(64) not null unique,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create index calendar_token_user on calendar_token (user_id);
