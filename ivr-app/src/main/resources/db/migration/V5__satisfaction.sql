-- The satisfaction survey's answer, with the call it rates.
alter table hotline_call add column satisfaction varchar(16);
