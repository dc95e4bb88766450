"""Commands that record what happened in the room, for paper forms and scripts:
``score``, ``recuse``, ``absent``, ``comment``, ``decide``.

They go through the same store rules as the chair screen.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import click

from pitchroom.cli.common import actor_option, db_argument, open_store, opened
from pitchroom.cli.errors import InputError, located
from pitchroom.cli.score_csv import SCORE_COLUMNS, plain_rows
from pitchroom.domain.definition import DECISIONS
from pitchroom.domain.sessionfile.csvfile import parse_amount, parse_score_value, read_csv_rows
from pitchroom.i18n import N_, t, tn
from pitchroom.store import BulkRuleError
from pitchroom.store.db import paused_gc


def _parsed(text: str) -> Fraction | str:
    """A typed score as an exact number, or the message saying why it is not one."""
    value, error = parse_score_value(text)
    if value is None:
        return error or t("session.score_empty")
    return Fraction(value)


def _parse_assignments(db: Path, items: tuple[str, ...]) -> list[tuple[str, Fraction]]:
    pairs: list[tuple[str, Fraction]] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            problems.append(located(db, f"scores[{number}]", t("cli.assignment_form", item=item)))
            continue
        value = _parsed(text.strip())
        if isinstance(value, str):
            problems.append(located(db, name.strip(), value))
            continue
        pairs.append((name.strip(), value))
    if problems:
        raise InputError(problems)
    if not pairs:
        raise InputError([located(db, "scores", t("cli.no_scores"))])
    return pairs


def _rows_from_csv(
    source: Path,
) -> tuple[list[tuple[str, str, str, Fraction]], list[int], list[tuple[int, str]]]:
    """The rows that parse, their line numbers, and (line, message) for those that do not.

    A file that cannot be read as a scores CSV at all (columns, encoding) is
    refused here; bad cells are returned, so they are reported together with
    the store's refusals of the rows that did parse. A plain file (the usual one)
    is read column-wise by :func:`plain_rows`, with the same result.
    """
    plain = plain_rows(source, _parsed)
    if plain is not None:
        return plain
    header, rows, problems = read_csv_rows(source, required=SCORE_COLUMNS, allowed=SCORE_COLUMNS)
    if problems:
        raise InputError([str(p) for p in problems])
    out: list[tuple[str, str, str, Fraction]] = []
    numbers: list[int] = []
    bad: list[tuple[int, str]] = []
    parsed: dict[str, Fraction | str] = {}  # value or message; values repeat: parse once
    seen: dict[tuple[str, str, str], int] = {}  # cell -> the line that gave it first
    for line, cells in rows:
        text = cells.get("value", "").strip()
        exact = parsed.get(text)
        if exact is None:
            exact = parsed[text] = _parsed(text)
        if isinstance(exact, str):
            bad.append((line, located(source, "value", exact, line)))
            continue
        cell = (cells["pitch"].strip(), cells["juror"].strip(), cells["criterion"].strip())
        first = seen.setdefault(cell, line)
        if first != line:  # the same cell twice: which one is meant cannot be guessed
            bad.append((line, located(source, "row", t("cli.csv_same_cell", line=first), line)))
            continue
        out.append((*cell, exact))
        numbers.append(line)
    if not out and not bad:
        raise InputError([located(source, "rows", t("cli.csv_empty"))])
    return out, numbers, bad


def _score_from(db: Path, source: Path, *, actor: str, reason: str | None) -> tuple[int, int]:
    """``score --from``: (how many scores changed, how many rows were given)."""
    rows, numbers, bad = _rows_from_csv(source)
    store = open_store(db)
    changed, refused = 0, []
    try:
        # Every bad row at once: cells that do not parse, and what the rules refuse
        # (set_scores checks every row and writes nothing when one is refused).
        if bad:
            refused = store.check_scores(rows, reason=reason)
        else:
            changed = store.set_scores(rows, actor=actor, reason=reason)
    except BulkRuleError as error:
        refused = error.problems
    finally:
        store.close()
    if bad or refused:
        named = [
            (numbers[index], located(source, rule.field, rule.message, numbers[index]))
            for index, rule in refused
        ]
        raise InputError(message for _, message in sorted(bad + named))
    return changed, len(rows)


@click.command(help=N_("cli.score_help"))
@db_argument
@click.argument("pitch", required=False)
@click.argument("juror", required=False)
@click.argument("assignments", nargs=-1, metavar="CRITERION=VALUE...")
@click.option(
    "--from", "source", type=click.Path(path_type=Path, dir_okay=False), help=N_("cli.opt_from")
)
@click.option("--reason", help=N_("cli.opt_reason_closed"))
@actor_option
def score(
    db: Path,
    pitch: str | None,
    juror: str | None,
    assignments: tuple[str, ...],
    source: Path | None,
    reason: str | None,
    actor: str,
) -> None:
    if source is not None:
        if pitch or juror or assignments:
            raise click.UsageError(t("cli.score_from_alone"))
        with paused_gc():  # many rows, none cyclic; gone before the collector runs again
            changed, given = _score_from(db, source, actor=actor, reason=reason)
        click.echo(tn("cli.scores_saved", changed, count=changed, rows=given))
        return
    if not pitch or not juror:
        raise click.UsageError(t("cli.score_usage"))
    pairs = _parse_assignments(db, assignments)
    with opened(db) as store:
        rows = [(pitch, juror, criterion, value) for criterion, value in pairs]
        changed = store.set_scores(rows, actor=actor, reason=reason, action="score.set")
    click.echo(tn("cli.scores_saved", changed, count=changed, rows=len(rows)))


@click.command(help=N_("cli.recuse_help"))
@db_argument
@click.argument("pitch")
@click.argument("juror")
@click.option("--reason", default="", help=N_("cli.opt_reason"))
@click.option("--lift", is_flag=True, help=N_("cli.opt_lift_recusal"))
@actor_option
def recuse(db: Path, pitch: str, juror: str, reason: str, lift: bool, actor: str) -> None:
    with opened(db) as store:
        store.recuse(pitch, juror, actor=actor, reason=reason, lift=lift)
    click.echo(t(N_("cli.recusal_lifted") if lift else N_("cli.recused"), juror=juror, pitch=pitch))


@click.command(help=N_("cli.absent_help"))
@db_argument
@click.argument("pitch")
@click.argument("juror")
@click.option("--lift", is_flag=True, help=N_("cli.opt_lift_absence"))
@actor_option
def absent(db: Path, pitch: str, juror: str, lift: bool, actor: str) -> None:
    with opened(db) as store:
        store.set_absent(pitch, juror, not lift, actor=actor)
    click.echo(t(N_("cli.present") if lift else N_("cli.absent"), juror=juror, pitch=pitch))


@click.command(help=N_("cli.comment_help"))
@db_argument
@click.argument("pitch")
@click.argument("juror")
@click.argument("text")
@actor_option
def comment(db: Path, pitch: str, juror: str, text: str, actor: str) -> None:
    with opened(db) as store:
        store.set_comment(pitch, juror, text, actor=actor)
    click.echo(t("cli.comment_saved", juror=juror, pitch=pitch))


@click.command(help=N_("cli.decide_help"))
@db_argument
@click.argument("pitch")
@click.argument("decision", type=click.Choice(DECISIONS))
@click.option("--amount", help=N_("cli.opt_amount"))
@click.option("--motivation", required=True, help=N_("cli.opt_motivation"))
@actor_option
def decide(
    db: Path, pitch: str, decision: str, amount: str | None, motivation: str, actor: str
) -> None:
    granted = None
    if amount is not None:
        granted, error = parse_amount(amount)
        if error:
            raise InputError([located(db, "amount", error)])
    with opened(db) as store:
        store.decide(pitch, decision, actor=actor, amount=granted, motivation=motivation)
    click.echo(t("cli.decided", pitch=pitch, decision=decision))


COMMANDS = [score, recuse, absent, comment, decide]
