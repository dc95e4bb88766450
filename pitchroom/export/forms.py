"""Printable paper score forms: one page per juror per pitch, as one HTML file.

Only jurors who score (juror, chair) get forms, and none for a pitch they are
recused from or absent for, or a withdrawn pitch: a form invites a score.
"""

from __future__ import annotations

from pitchroom.domain.definition import Session
from pitchroom.export.text import html_text as esc
from pitchroom.export.text import isolated as u
from pitchroom.export.text import number
from pitchroom.i18n import formats, language, t

STYLE = """
* { box-sizing: border-box; }
body { font: 11pt/1.4 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0; }
.form { max-width: 46rem; margin: 1.5rem auto; padding: 1.5rem; border: 1px solid #ccc; }
.top { display: flex; justify-content: space-between; gap: 1em; font-size: .9em; color: #444;
  border-bottom: 2px solid #222; padding-bottom: .3em; }
h1 { font-size: 1.45em; margin: .6em 0 .1em; }
.applicant { margin: 0 0 .8em; color: #333; }
.juror { font-size: 1.1em; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #eee; font-size: .9em; }
td.weight { text-align: right; width: 4.5em; white-space: nowrap; }
td.box { width: 8em; height: 4em; }
.scale { display: block; font-size: .75em; color: #555; margin-top: .2em; }
.desc { display: block; font-size: .85em; color: #444; }
.comment { border: 1px solid #555; height: 9em; margin-top: 1.2em; padding: .3em .5em;
  font-size: .85em; color: #555; }
.sign { display: flex; gap: 2em; margin-top: 2.2em; }
.sign div { flex: 1; border-top: 1px solid #222; padding-top: .2em; font-size: .85em; }
.empty { max-width: 46rem; margin: 2rem auto; }
@page { size: A4; margin: 14mm; }
@media print {
  .form { border: none; margin: 0; max-width: none; padding: 0; break-after: page; }
  .form:last-child { break-after: auto; }
  th { background: #eee !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def _form(session: Session, pitch_index: int, juror_name: str, scale: str) -> str:
    info = session.session
    pitch = session.pitches[pitch_index]
    rows = "".join(
        f"<tr><td><strong>{esc(c.name)}</strong>"
        f"{f'<span class=desc>{esc(c.description)}</span>' if c.description else ''}</td>"
        f'<td class="weight">{esc(number(c.weight))}</td>'
        f'<td class="box"><span class="scale">{esc(scale)}</span></td></tr>'
        for c in session.criteria
    )
    date = formats.date(info.date) if info.date else ""
    return (
        f'<section class="form"><div class="top"><span>{esc(info.title)}</span>'
        f"<span>{esc(date)}</span></div>"
        f"<h1>{esc(t('export.form_pitch', title=u(pitch.title), key=pitch.key))}</h1>"
        f'<p class="applicant">{esc(t("export.form_applicant", applicant=u(pitch.applicant)))}</p>'
        f'<p class="juror">{esc(t("export.form_juror", juror=u(juror_name)))}</p>'
        f"<table><thead><tr><th>{esc(t('export.col_criterion_name'))}</th>"
        f"<th>{esc(t('export.col_weight'))}</th><th>{esc(t('export.col_score'))}</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
        f'<div class="comment">{esc(t("export.form_comment"))}</div>'
        f'<div class="sign"><div>{esc(t("export.form_signature"))}</div>'
        f"<div>{esc(t('export.form_date'))}</div></div></section>"
    )


def render_forms(
    session: Session, recusals: set[tuple[str, str]], withdrawn: set[str]
) -> tuple[str, int]:
    """The forms document and how many forms it holds."""
    scale = session.session.scale
    scale_text = t(
        "export.form_scale", min=number(scale.min), max=number(scale.max), step=number(scale.step)
    )
    forms = [
        _form(session, index, juror.name, scale_text)
        for index, pitch in enumerate(session.pitches)
        if pitch.key not in withdrawn and pitch.pitches
        for juror in session.scoring_jurors
        if (pitch.key, juror.key) not in recusals
    ]
    body = "\n".join(forms) or f'<p class="empty">{esc(t("export.forms_none"))}</p>'
    title = t("export.forms_title", title=u(session.session.title))
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n",
        len(forms),
    )
