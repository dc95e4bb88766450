"""The session file loader: the bundled files load, and every kind of bad input
(SPEC.md, "Bad input") gets its own clear, located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.domain.sessionfile import Problem, SessionFileError, load_session
from pitchroom.domain.validation import validate

REPO = Path(__file__).resolve().parents[2]

# Line numbers matter: tests below point at them.
VALID = """\
[session]
title = "Pitch day"
budget = 1_000_000
scale = { min = 1, max = 10, step = 1 }

[[criteria]]
key = "feasibility"
name = "Feasibility"
weight = 1.5

[[criteria]]
key = "impact"
name = "Impact"

[[jurors]]
key = "anna"
name = "Anna de Vries"
role = "chair"

[[jurors]]
key = "bram"
name = "Bram Jansen"

[[pitches]]
key = "leesplank"
title = "Leesplank"
partners = ["Gemeente A", "Provincie B"]
requested = 180_000
summary = "Reading help."
"""


def write(tmp_path: Path, text: str, name: str = "session.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert caught.value.problems, "a SessionFileError always carries problems"
    return caught.value.problems


def only(problems: list[Problem], field: str) -> Problem:
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


# -- files that load -------------------------------------------------------------------


def test_valid_file_loads(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, VALID))
    assert [c.key for c in session.criteria] == ["feasibility", "impact"]
    assert session.pitches[0].partners == ["Gemeente A", "Provincie B"]


@pytest.mark.parametrize(
    ("folder", "pots"), [("demo", ["small", "large"]), ("demo-nl", ["klein", "groot"])]
)
def test_demo_is_the_reference_day(folder: str, pots: list[str]) -> None:
    """About 60 proposals: 11 granted at pre-selection, 9 that pitch, the rest
    turned down; two pots within EUR 4 million."""
    session = load_session(REPO / "data" / folder / "session.toml")
    stages = [p.stage for p in session.pitches]
    assert len(session.pitches) == 60 and stages.count("preselected") == 11
    assert len(session.queue) == 9 and stages.count("rejected") == 40
    assert len(session.criteria) == 6 and len(session.jurors) == 5
    assert len(session.conflicts) == 1
    assert [p.key for p in session.pots] == pots
    assert sum(p.budget for p in session.pots) == session.session.budget == 4_000_000
    assert session.session.max_funded == 20
    decided = [p for p in session.pitches if p.stage != "rejected"]
    assert all(50_000 <= p.requested <= 800_000 for p in decided)
    assert all(session.pot_for(p.requested) is not None for p in decided)
    assert validate(session) == []


def test_the_two_demos_are_the_same_day() -> None:
    english = load_session(REPO / "data" / "demo" / "session.toml")
    dutch = load_session(REPO / "data" / "demo-nl" / "session.toml")
    assert dutch.session.language == "nl" and english.session.language == "en"
    assert [c.name for c in dutch.criteria] == [
        "Uitvoerbaarheid",
        "Schaalbaarheid",
        "Vernieuwend karakter",
        "Herbruikbaarheid",
        "Betrokkenheid van gebruikers",
        "Toekomstplan",
    ]
    assert [c.weight for c in dutch.criteria] == [c.weight for c in english.criteria]
    same = ("key", "stage", "requested", "granted", "applicant", "partners")
    assert [tuple(getattr(p, f) for f in same) for p in dutch.pitches] == [
        tuple(getattr(p, f) for f in same) for p in english.pitches
    ]
    assert all(d.title != e.title for d, e in zip(dutch.queue, english.queue, strict=True))


def test_template_loads() -> None:
    session = load_session(REPO / "data" / "template.toml")
    assert [c.key for c in session.criteria] == [
        "feasibility",
        "scalability",
        "innovativeness",
        "reusability",
        "user_involvement",
        "future",
    ]
    assert len(session.jurors) == 3 and len(session.pitches) == 2


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_session(path).session.title == "Pitch day"


# -- the file as a whole ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nope.toml")
    assert problem.field == "file" and problem.line is None
    assert "pitchroom new" in problem.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Pitch day", "Café day").encode("latin-1"))
    (problem,) = problems_of(path)
    assert (problem.field, problem.line) == ("file", 2)
    assert "UTF-8" in problem.message and "0xE9" in problem.message


def test_not_toml_reports_the_syntax_error_alone_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, replace('name = "Impact"', "name = Impact") + 'colour = "x"\n')
    (problem,) = problems_of(path)
    assert (problem.field, problem.line) == ("toml", 13)
    assert str(problem).startswith(f"{path}:13: toml: this is not valid TOML")


def test_empty_file(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, ""))
    assert problem.field == "session" and "pitchroom new session.toml" in problem.message
    (problem,) = problems_of(write(tmp_path, "# nothing yet\n\n"))
    assert "template" in problem.message


def test_problem_prints_file_line_field_message() -> None:
    problem = Problem("s.toml", 3, "criteria[2].weight", "bad")
    assert str(problem) == "s.toml:3: criteria[2].weight: bad"
    assert str(Problem("s.toml", None, "criteria", "bad")) == "s.toml: criteria: bad"


# -- one kind of bad input at a time ---------------------------------------------------


def test_unknown_key_with_hint(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, replace("weight = 1.5", "wieght = 1.5")))
    problem = only(problems, "criteria[1].wieght")
    assert problem.line == 9 and "did you mean 'weight'?" in problem.message


def test_unknown_key_without_hint_lists_the_allowed_keys(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('role = "chair"', "colour = 1"))), "jurors[1].colour"
    )
    assert problem.line == 18 and "key, name, role" in problem.message


def test_session_key_outside_session_table(tmp_path: Path) -> None:
    problem = only(problems_of(write(tmp_path, 'title = "x"\n' + VALID)), "title")
    assert problem.line == 1 and "[session]" in problem.message


def test_escape_in_a_title_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, replace('title = "Pitch day"', r'title = "Pitch \u001b[2J day"'))
    problem = only(problems_of(path), "session.title")
    assert problem.line == 2 and "ESC (U+001B)" in problem.message


def test_c1_control_and_newline_refused_but_newline_allowed_in_summary(tmp_path: Path) -> None:
    text = replace('name = "Impact"', r'name = "Impact\u009b"')
    text = text.replace('"Gemeente A"', r'"Gemeente\nA"')
    text = text.replace('summary = "Reading help."', 'summary = """\nReading\n\thelp."""')
    problems = problems_of(write(tmp_path, text))
    assert only(problems, "criteria[2].name").line == 13
    partner = only(problems, "pitches[1].partners[1]")
    assert partner.line == 27 and "newline" in partner.message
    assert len(problems) == 2


def test_duplicate_keys_name_the_first(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('key = "impact"', 'key = "feasibility"'))),
        "criteria[2].key",
    )
    assert problem.line == 12 and "criteria[1]" in problem.message


def test_unknown_juror_and_pitch_in_a_conflict(tmp_path: Path) -> None:
    text = VALID + '\n[[conflicts]]\njuror = "anan"\npitch = "nope"\n'
    problems = problems_of(write(tmp_path, text))
    juror = only(problems, "conflicts[1].juror")
    assert juror.line == 32 and "did you mean 'anna'?" in juror.message
    pitch = only(problems, "conflicts[1].pitch")
    assert pitch.line == 33 and "leesplank" in pitch.message


def test_duplicate_conflict(tmp_path: Path) -> None:
    conflict = '\n[[conflicts]]\njuror = "anna"\npitch = "leesplank"\n'
    problem = only(problems_of(write(tmp_path, VALID + conflict + conflict)), "conflicts[2]")
    assert problem.line == 35 and "conflicts[1]" in problem.message


def test_weight_not_positive(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace("weight = 1.5", "weight = 0"))), "criteria[1].weight"
    )
    assert problem.line == 9 and "more than 0" in problem.message


def test_scale_min_not_below_max(tmp_path: Path) -> None:
    path = write(tmp_path, replace("min = 1, max = 10", "min = 10, max = 1"))
    problem = only(problems_of(path), "session.scale.max")
    assert problem.line == 4 and "min" in problem.message


def test_step_that_does_not_divide_the_range(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace("step = 1 }", "step = 0.4 }"))), "session.scale.step"
    )
    assert problem.line == 4 and "0.4" in problem.message and "such as" in problem.message


def test_negative_amount(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace("requested = 180_000", "requested = -5"))),
        "pitches[1].requested",
    )
    assert problem.line == 28 and "negative" in problem.message


def test_quoted_number_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, replace("requested = 180_000", 'requested = "180.000"'))
    problem = only(problems_of(path), "pitches[1].requested")
    assert problem.line == 28 and "quotes" in problem.message


def test_empty_title(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('title = "Leesplank"', 'title = ""'))),
        "pitches[1].title",
    )
    assert problem.line == 26 and "empty" in problem.message


def test_invalid_slug_explains_the_rule(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('key = "bram"', 'key = "Bram J"'))), "jurors[2].key"
    )
    assert problem.line == 21
    assert "lower-case" in problem.message and "'bram-j'" in problem.message


def test_literal_lists_the_allowed_values(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('role = "chair"', 'role = "boss"'))), "jurors[1].role"
    )
    assert problem.line == 18 and "'observer'" in problem.message


def test_wrong_type(tmp_path: Path) -> None:
    problem = only(
        problems_of(write(tmp_path, replace('name = "Bram Jansen"', "name = 5"))), "jurors[2].name"
    )
    assert problem.line == 22 and "text in quotes" in problem.message


def test_missing_sections_and_keys(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, '[session]\nbudget = 5\n\n[[jurors]]\nkey = "a"\n'))
    assert only(problems, "session.title").line == 1
    assert only(problems, "jurors[1].name").line == 4
    assert only(problems, "criteria").line is None
    assert "[[pitches]]" in only(problems, "pitches").message


def test_cross_field_rules(tmp_path: Path) -> None:
    text = replace("budget = 1_000_000", "budget = 100\nquorum = 3\ndiscuss_spread = 20")
    text = text.replace('role = "chair"', 'role = "observer"', 1)
    text = text.replace("weight = 1.5", "weight = 1.5\nthreshold = 11")
    text += '\n[[pots]]\nkey = "a"\nbudget = 80\nmin_requested = 9\nmax_requested = 2\n'
    text += '\n[[pots]]\nkey = "b"\nbudget = 80\n'
    problems = problems_of(write(tmp_path, text))
    assert only(problems, "session.quorum").line == 4
    assert only(problems, "session.discuss_spread").line == 5
    assert only(problems, "criteria[1].threshold").line == 12
    assert only(problems, "pots").line == 34
    assert only(problems, "pots[1].min_requested").line == 37
    text = text.replace('name = "Bram Jansen"', 'name = "Bram Jansen"\nrole = "observer"')
    assert "observer" in only(problems_of(write(tmp_path, text)), "jurors").message


def test_many_problems_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = (
        replace('title = "Pitch day"', 'title = ""')
        .replace("weight = 1.5", "weight = -1")
        .replace('key = "impact"', 'key = "feasibility"')
        .replace('key = "bram"', 'key = "Bram"')
        .replace("requested = 180_000", "requested = -1")
    ) + '\n[[conflicts]]\njuror = "anna"\npitch = "leesplnk"\nwhy = "x"\n'
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, p.field) for p in problems] == [
        (2, "session.title"),
        (9, "criteria[1].weight"),
        (12, "criteria[2].key"),
        (21, "jurors[2].key"),
        (28, "pitches[1].requested"),
        (33, "conflicts[1].pitch"),
        (34, "conflicts[1].why"),
    ]


def test_inline_tables_and_multiline_values_keep_lines_right(tmp_path: Path) -> None:
    text = VALID.replace(
        'partners = ["Gemeente A", "Provincie B"]',
        'partners = [\n  "Gemeente A",  # first\n  "Provincie \\u001b B",\n]',
    ).replace('summary = "Reading help."', "summary = '''\n[[not a header]]\n'''\ncolor = 1")
    problems = problems_of(write(tmp_path, text))
    assert only(problems, "pitches[1].partners[2]").line == 29
    assert only(problems, "pitches[1].color").line == 35


def test_toml_key_given_twice_is_named_as_such(tmp_path: Path) -> None:
    text = replace('name = "Impact"\n', 'name = "Impact"\nname = "X"\n')
    (problem,) = problems_of(write(tmp_path, text))
    assert (problem.line, problem.field) == (14, "toml") and "second time" in problem.message


def test_validate_a_session_built_in_code() -> None:
    from tests.conftest import small_session

    assert validate(small_session()) == []
    broken = small_session(quorum=9, scale={"min": 1, "max": 10, "step": 0.4})
    assert dict(validate(broken)).keys() == {"session.scale.step", "session.quorum"}
