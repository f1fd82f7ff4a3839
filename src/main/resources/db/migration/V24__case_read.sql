-- Per-user read state of a case's messages (issue #19, points 1 and 2: "unread" markers). One row per staff member
-- and case: the moment of the newest message that member has seen, written when they open the case page or read the
-- thread, and when they send a message. A case is unread for them when the person wrote after that moment (or they
-- never opened it). No content, only ids and a time; deleted with the case's content on erasure and when the case is
-- referred to another organisation (its staff have their own).
create table case_read (
    case_id     uuid not null references case_file (id) on delete cascade,
    user_id     uuid not null,
    org_id      uuid not null,
    read_up_to  timestamp with time zone not null,
    primary key (case_id, user_id)
);
