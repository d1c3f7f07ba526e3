-- Several nodes may share one call log (README, "Several nodes on one PostgreSQL"). Each call says which node served
-- it, so that a node's start closes only its own calls a crash left open; each node says when it was last alive, so
-- that the calls of a node that never comes back are closed by another, once (its row is the claim).

alter table hotline_call add column node_id varchar(64);

create index hotline_call_node_open on hotline_call (node_id, ended_at);

create table hotline_node (
    node_id            varchar(64) primary key,
    started_at         timestamp(3) with time zone not null,
    seen_at            timestamp(3) with time zone not null
);
