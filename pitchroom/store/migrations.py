"""The schema, as numbered migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one, and its name to
``pitchroom.store.db.MIGRATIONS``. ``open_database`` applies pending ones under
``BEGIN IMMEDIATE`` so that two processes opening an old file at once do not
both migrate it. The README documents the tables.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from pitchroom.store.db import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


@migrations(name="001_initial")
def initial(db: Database) -> None:
    db.execute(
        """create table meta (
            key text primary key,
            value text
        )"""
    )
    db.execute(
        """create table criteria (
            key text primary key,
            position integer not null,
            name text not null,
            description text not null default '',
            weight real not null,
            threshold real
        )"""
    )
    db.execute(
        """create table jurors (
            key text primary key,
            position integer not null,
            name text not null,
            role text not null check (role in ('juror', 'chair', 'observer'))
        )"""
    )
    db.execute(
        """create table pots (
            key text primary key,
            position integer not null,
            name text not null default '',
            budget real not null,
            min_requested real,
            max_requested real
        )"""
    )
    db.execute(
        """create table pitches (
            key text primary key,
            position integer not null,
            title text not null,
            applicant text not null default '',
            partners text not null default '[]',
            requested real not null default 0,
            summary text not null default '',
            closed integer not null default 0,
            withdrawn integer not null default 0
        )"""
    )
    db.execute(
        """create table scores (
            pitch text not null references pitches(key),
            juror text not null references jurors(key),
            criterion text not null references criteria(key),
            value real not null,
            saved_at text not null,
            actor text not null,
            primary key (pitch, juror, criterion)
        )"""
    )
    db.execute(
        """create table recusals (
            pitch text not null references pitches(key),
            juror text not null references jurors(key),
            reason text not null default '',
            saved_at text not null,
            actor text not null,
            primary key (pitch, juror)
        )"""
    )
    db.execute(
        """create table absences (
            pitch text not null references pitches(key),
            juror text not null references jurors(key),
            saved_at text not null,
            actor text not null,
            primary key (pitch, juror)
        )"""
    )
    db.execute(
        """create table comments (
            pitch text not null references pitches(key),
            juror text not null references jurors(key),
            text text not null,
            saved_at text not null,
            actor text not null,
            primary key (pitch, juror)
        )"""
    )
    db.execute(
        """create table decisions (
            pitch text primary key references pitches(key),
            decision text not null check (decision in ('award', 'reserve', 'reject')),
            amount real,
            motivation text not null,
            saved_at text not null,
            actor text not null
        )"""
    )
    db.execute(
        """create table pot_transfers (
            id integer primary key,
            source text not null references pots(key),
            target text not null references pots(key),
            amount real not null,
            reason text not null,
            saved_at text not null,
            actor text not null
        )"""
    )
    db.execute(
        """create table tie_decisions (
            id integer primary key,
            pitches text not null,
            reason text not null,
            saved_at text not null,
            actor text not null
        )"""
    )
    db.execute(
        """create table live (
            id integer primary key check (id = 1),
            pitch text references pitches(key),
            phase text not null default 'pitch' check (phase in ('pitch', 'qa')),
            running integer not null default 0,
            started_at text,
            elapsed real not null default 0,
            revealed integer not null default 0
        )"""
    )
    db.execute(
        """create table events (
            id integer primary key,
            at text not null,
            actor text not null,
            action text not null,
            entity text not null,
            pitch text,
            juror text,
            criterion text,
            before text,
            after text,
            reason text,
            prev_hash text not null,
            hash text not null
        )"""
    )
    db.execute("create index events_pitch on events(pitch)")
    db.execute(
        """create view effective_scores as
        select s.pitch, s.juror, s.criterion, s.value
        from scores s
        join jurors j on j.key = s.juror and j.role in ('juror', 'chair')
        where not exists (select 1 from recusals r where r.pitch = s.pitch and r.juror = s.juror)
          and not exists (select 1 from absences a where a.pitch = s.pitch and a.juror = s.juror)"""
    )


@migrations(name="002_pitch_stage")
def pitch_stage(db: Database) -> None:
    """Pre-selection: a proposal's ``stage`` and the amount ``granted`` at it."""
    db.execute(
        "alter table pitches add column stage text not null default 'pitch' "
        "check (stage in ('pitch', 'preselected', 'rejected'))"
    )
    db.execute("alter table pitches add column granted real")
