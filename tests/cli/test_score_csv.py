"""The plain scores CSV read column-wise (``pitchroom.cli.score_csv``) gives what the
general reader gives, and any file that is not plain goes the general way."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom.cli import record_cmds
from pitchroom.cli.score_csv import plain_rows

PLAIN = "pitch,juror,criterion,value\nleesplank,anna,impact,8\nkompas,bram,feasibility,7,5\n"


def general(path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(record_cmds, "plain_rows", lambda source, parse: None)
        return record_cmds._rows_from_csv(path)


@pytest.mark.parametrize(
    "text",
    [
        "pitch,juror,criterion,value\nleesplank,anna,impact,8\nkompas,bram,feasibility,7\n",
        "pitch;juror;criterion;value\nleesplank;anna;impact;8\nkompas;bram;impact;7,5\n",
        "Value,Criterion,Juror,Pitch\n8,impact,anna,leesplank\n7.5,impact,bram,kompas",
        "pitch,juror,criterion,value\r\nleesplank,anna,impact,8\r\nkompas,bram,impact,6\r\n",
        "\ufeffpitch,juror,criterion,value\nleesplank,anna,impact,8\n",
        "pitch,juror,criterion,value\nwaterwijs,anna,impact,9\nkompas,bram,impact,-1\n",
    ],
)
def test_a_plain_file_reads_as_the_general_reader_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")
    fast = plain_rows(path, record_cmds._parsed)
    assert fast is not None
    assert fast == general(path, monkeypatch)
    rows = fast[0]
    assert len({id(row[3]) for row in rows}) == len({row[3] for row in rows})  # shared values


@pytest.mark.parametrize(
    "text",
    [
        "",
        "pitch,juror,criterion,value\n",
        'pitch,juror,criterion,value\n"leesplank",anna,impact,8\n',
        "pitch,juror,criterion,value\nleesplank, anna,impact,8\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,8 \n",
        "pitch,juror,criterion,value\n\nleesplank,anna,impact,8\n",
        "\npitch,juror,criterion,value\nleesplank,anna,impact,8\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,8\n\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,8,9\n",
        "pitch,juror,criterion,value\nleesplank,,impact,8\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,eight\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,8\nleesplank,anna,impact,7\n",
        "pitch,juror,criterion,value\rleesplank,anna,impact,8\r",
        "pitch,juror,criterion,value,extra\nleesplank,anna,impact,8,x\n",
        "pitch,juror,criterion\nleesplank,anna,impact\n",
        "pitch,juror,criterion,criterion\nleesplank,anna,impact,8\n",
        "pitch,juror,criterion,value\nlees\u00a0plank,anna,impact,8\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact,8\u2028\n",
        "pitch,juror,criterion,value\nleesplank,anna,impact," + "9" * 200_000 + "\n",
    ],
)
def test_a_file_that_is_not_plain_goes_the_general_way(tmp_path: Path, text: str) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert plain_rows(path, record_cmds._parsed) is None


def test_bytes_that_are_not_utf8_go_the_general_way(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_bytes(PLAIN.encode("utf-8").replace(b"anna", b"\xe9anna"))
    assert plain_rows(path, record_cmds._parsed) is None
    assert plain_rows(tmp_path / "missing.csv", record_cmds._parsed) is None
