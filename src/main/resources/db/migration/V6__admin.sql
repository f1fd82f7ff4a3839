-- API tokens that users create themselves carry an optional name, so that they can tell them apart
-- when revoking one. Tokens created on the server (./haven tokens create) have none.
alter table api_token add column name varchar(100);

-- A user's own token list and the admin pages look tokens up by their owner.
create index api_token_user on api_token (user_id);
