-- Cases (cases module). Columns in plain text are the non-sensitive ones that lists, search, deadlines and
-- statistics need (reference, states, priority, assignee, nationality, dates); everything about the person and
-- their story is encrypted under the case's own key (protection module), bound to organisation, case, table and
-- column. Every query of these tables is scoped to one organisation in CaseStore.

create table case_file (
    id                uuid primary key,
    org_id            uuid not null references organisation (id),
    reference         varchar(20) not null unique,      -- HV-2026-7K3M9Q: random, no count or date of the person in it
    handling          varchar(16) not null,             -- NEW, TRIAGE, ACCEPTED, DECLINED, REFERRED, CLOSED
    stage             varchar(32) not null,             -- NONE, PREPARING, APPLIED, … (procedure stages)
    track             varchar(64),                      -- the track of a rejection (procedure.yaml appeal-term tracks)
    priority          smallint,                         -- 1 urgent … 3 normal, set at triage
    assignee_id       uuid references app_user (id),
    nationality       varchar(2),                       -- ISO 3166-1 alpha-2
    residence         varchar(2),
    source            varchar(16) not null,             -- INTAKE, STAFF, REFERRAL
    application_date  date,                             -- the IND registration date, once applied
    opened_at         timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    version           integer not null,
    erased_at         timestamp with time zone,         -- crypto-shredded: the row stays for the statistics' dimensions
    details           bytea not null                    -- encrypted JSON: names, pronouns, groups, request, contact …
);

create index case_file_queue on case_file (org_id, handling, assignee_id, priority, opened_at);
create index case_file_stage on case_file (org_id, stage, assignee_id, priority, opened_at);

-- Exact-match search on identifiers (e.g. a V-number) through keyed blind indexes, never the value itself.
create table case_identifier (
    case_id   uuid not null references case_file (id) on delete cascade,
    org_id    uuid not null,
    kind      varchar(24) not null,
    blind     bytea not null,
    primary key (case_id, kind)
);
create index case_identifier_lookup on case_identifier (org_id, kind, blind);

-- The timeline: every transition and change as a past-tense event (type and states only; content stays encrypted
-- in the tables below).
create table case_event (
    id          uuid primary key,
    case_id     uuid not null references case_file (id) on delete cascade,
    org_id      uuid not null,
    occurred_at timestamp with time zone not null,
    actor_id    uuid,
    type        varchar(48) not null,
    from_state  varchar(32),
    to_state    varchar(32),
    on_date     date
);
create index case_event_case on case_event (case_id, occurred_at);

create table case_note (
    id          uuid primary key,
    case_id     uuid not null references case_file (id) on delete cascade,
    org_id      uuid not null,
    author_id   uuid,
    created_at  timestamp with time zone not null,
    body        bytea not null
);
create index case_note_case on case_note (case_id, created_at);

create table case_task (
    id           uuid primary key,
    case_id      uuid not null references case_file (id) on delete cascade,
    org_id       uuid not null,
    kind         varchar(16) not null,              -- DEADLINE (from a legal term) or MANUAL
    term_id      varchar(64),                       -- the procedure.yaml term of a deadline
    title        bytea,                             -- encrypted, for manual tasks
    due_on       date not null,
    assignee_id  uuid references app_user (id),
    created_at   timestamp with time zone not null,
    done_at      timestamp with time zone
);
create index case_task_due on case_task (org_id, done_at, due_on);
create index case_task_case on case_task (case_id);

create table case_message (
    id          uuid primary key,
    case_id     uuid not null references case_file (id) on delete cascade,
    org_id      uuid not null,
    direction   varchar(16) not null,               -- TO_REQUESTER, FROM_REQUESTER
    author_id   uuid,
    created_at  timestamp with time zone not null,
    body        bytea not null
);
create index case_message_case on case_message (case_id, created_at);

create table case_document (
    id          uuid primary key,
    case_id     uuid not null references case_file (id) on delete cascade,
    org_id      uuid not null,
    media_type  varchar(64) not null,               -- sniffed from the content, not the name
    size_bytes  bigint not null,
    created_at  timestamp with time zone not null,
    name        bytea not null,                     -- encrypted file name
    content     bytea not null                      -- streaming AEAD ciphertext
);
create index case_document_case on case_document (case_id);

-- A decision-support receipt: what the caseworker recorded as the framework used, reproducible later.
create table case_receipt (
    id            uuid primary key,
    case_id       uuid not null references case_file (id) on delete cascade,
    org_id        uuid not null,
    recorded_at   timestamp with time zone not null,
    recorded_by   uuid,
    data_set_hash varchar(80) not null,               -- sha256:… of the policy data set used
    body          bytea not null                    -- encrypted JSON: inputs, dates, the explanation
);

create table case_referral (
    id              uuid primary key,
    case_id         uuid not null,                  -- the case; it now belongs to to_org
    from_org        uuid not null references organisation (id),
    to_org          uuid not null references organisation (id),
    reference       varchar(20) not null,
    consent_at      timestamp with time zone not null,
    referred_at     timestamp with time zone not null,
    withdrawn_at    timestamp with time zone
);
create index case_referral_from on case_referral (from_org);
