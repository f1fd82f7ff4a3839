-- The daily "due tomorrow" e-mail (cases module, issue #19 point 3): one row per day it was sent for, so that of several
-- nodes (or a restart on the same morning) only the first sends it.
create table due_mail_run (
    due_on      date primary key,
    created_at  timestamp with time zone not null
);
