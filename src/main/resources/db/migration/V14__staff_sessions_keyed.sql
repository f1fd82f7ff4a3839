-- Issue #15: spring_session.session_id now holds an HMAC of the cookie's secret (identity KeyedSessions), never the
-- cookie's value. Sessions stored before held their cookie's value there: a copy of the database was a log-in. They are
-- deleted (their attributes with them, on delete cascade); the staff concerned log in again.
delete from spring_session;
