-- The callback dialer (§15): the app calls each promised callback back, in attempts spaced apart.
alter table callback_request add column attempts int default 0 not null;
alter table callback_request add column next_attempt_at timestamp(3) with time zone;
-- While an attempt is being dialled: the number (unique, so that no two calls go to one number at once, from any
-- node), the node dialling it and since when; all three null otherwise.
alter table callback_request add column dialling_number varchar(64);
alter table callback_request add column dialling_by varchar(64);
alter table callback_request add column dialling_since timestamp(3) with time zone;
create unique index callback_request_dialling on callback_request (dialling_number);

-- Outbound calls in the call log: which request a call back was for, and which attempt.
alter table hotline_call add column direction varchar(8) default 'IN' not null;
alter table hotline_call add column callback_id bigint references callback_request (id);
alter table hotline_call add column attempt int;
