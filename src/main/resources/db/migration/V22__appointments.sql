-- Appointments on a case (issue #19, point 12): IND interviews and hearings as dated entries. The kind and the moment
-- are plain (the agenda and the calendar feed list them without opening the case); the place and the note can
-- identify the person or say what the appointment is about, so they are encrypted under the case's key like every
-- other free text (cases.internal.EncryptedField). A cancelled appointment stays, marked, for the record.
create table case_appointment (
    id            uuid primary key,
    case_id       uuid not null references case_file (id) on delete cascade,
    org_id        uuid not null,
    kind          varchar(24) not null,              -- REGISTRATION, DETAILED_INTERVIEW, HEARING, OTHER
    starts_at     timestamp with time zone not null, -- entered and shown in Europe/Amsterdam
    place         bytea,                             -- encrypted, optional
    note          bytea,                             -- encrypted, optional
    created_at    timestamp with time zone not null,
    created_by    uuid,
    updated_at    timestamp with time zone not null,
    cancelled_at  timestamp with time zone
);
create index case_appointment_case on case_appointment (case_id, starts_at);
create index case_appointment_due on case_appointment (org_id, cancelled_at, starts_at);
