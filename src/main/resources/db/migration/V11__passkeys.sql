-- Passkeys (WebAuthn), an alternative to password + TOTP for staff log-in (issue 6).
-- Spring Security's own schema for JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository (its PostgreSQL variant, which H2 in PostgreSQL mode runs unchanged),
-- with two differences: user_entities.name holds a staff e-mail address (Haven allows 254 characters,
-- Spring Security's schema 100) and must be one (foreign key), and a credential goes with its user entity.
-- Nothing here is secret: a passkey's private key never leaves the authenticator; the server keeps
-- only the public key.

create table user_entities (
    id            varchar(1000) not null,        -- WebAuthn user handle (random, Base64url), not Haven's user id
    name          varchar(254)  not null unique references app_user (email),
    display_name  varchar(200),
    primary key (id)
);

create table user_credentials (
    credential_id                 varchar(1000) not null,
    user_entity_user_id           varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                    bytea         not null,
    signature_count               bigint,
    uv_initialized                boolean,
    backup_eligible               boolean       not null,
    authenticator_transports      varchar(1000),
    public_key_credential_type    varchar(100),
    backup_state                  boolean       not null,
    attestation_object            bytea,
    attestation_client_data_json  bytea,
    created                       timestamp,
    last_used                     timestamp,
    label                         varchar(1000) not null,
    primary key (credential_id)
);

-- A user's passkey list (/account/passkeys) and the look-up at registration.
create index user_credentials_user on user_credentials (user_entity_user_id);
