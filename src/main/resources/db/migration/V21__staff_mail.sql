-- Staff e-mail notifications (issue #19 point 3). Counts only, never case content.

-- The daily "due tomorrow" e-mail (cases module): one row per day it was sent for, so that of several nodes (or a
-- restart on the same morning) only the first sends it.
create table due_mail_run (
    due_on      date primary key,
    created_at  timestamp with time zone not null
);

-- Each staff member's choice (identity module): false = a mail at once, true = one daily digest.
alter table app_user add column mail_digest boolean default false not null;

-- What a digest reader has waiting (identity module): the latest counts per kind of notification, until the digest
-- goes out; a node sends a row only when it deletes it (so two nodes never send the same row).
create table staff_mail_pending (
    user_id     uuid not null references app_user (id),
    topic       varchar(16) not null,               -- StaffMail.Topic
    count_a     bigint not null,
    count_b     bigint not null,
    updated_at  timestamp with time zone not null,
    primary key (user_id, topic)
);
