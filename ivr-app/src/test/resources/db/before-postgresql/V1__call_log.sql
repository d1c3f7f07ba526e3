-- The call log: one row per call that reached the hotline, one row per step of it, written as the call goes.

create table hotline_call (
    id                 bigint auto_increment primary key,
    unique_id          varchar(64),
    channel            varchar(128),
    caller_number      varchar(64),
    caller_name        varchar(128),
    dialled_number     varchar(64),
    seat               int,
    language           varchar(16),
    connected_at       timestamp(3) with time zone not null,
    answered_at        timestamp(3) with time zone,
    ended_at           timestamp(3) with time zone,
    outcome            varchar(32),
    hung_up_by         varchar(16),
    ended_in_step      varchar(64),
    silent_retries     int default 0 not null,
    noisy_retries      int default 0 not null,
    quiet_retries      int default 0 not null,
    no_input_retries   int default 0 not null,
    invalid_retries    int default 0 not null,
    verdict            varchar(16),
    speech_level_dbfs  double precision,
    noise_floor_dbfs   double precision,
    snr_db             double precision
);

create index hotline_call_open on hotline_call (ended_at);
create index hotline_call_unique_id on hotline_call (unique_id);

create table call_event (
    id                 bigint auto_increment primary key,
    call_id            bigint not null references hotline_call (id),
    offset_ms          bigint not null,
    step               varchar(64) not null,
    prompt             varchar(64),
    digits             varchar(64),
    verdict            varchar(16),
    speech_level_dbfs  double precision,
    noise_floor_dbfs   double precision,
    snr_db             double precision,
    decision_ms        bigint,
    detail             varchar(512)
);

create index call_event_call on call_event (call_id);

-- §10: "a colleague will contact you shortly" is a promise; each one is tracked until it is kept.
create table callback_request (
    id                 bigint auto_increment primary key,
    call_id            bigint not null references hotline_call (id),
    callback_number    varchar(64),
    recording          varchar(256),
    status             varchar(16) default 'OPEN' not null,
    created_at         timestamp(3) with time zone not null
);

create index callback_request_status on callback_request (status);
