-- §12: a complaint is followed up like a callback, and told apart from one.
alter table callback_request add column kind varchar(16) default 'CALLBACK' not null;
