"""Message keys that the code builds at run time, so that ``pybabel extract`` sees them.

``t(f"export.status_{status}")`` chooses its key from a value, and pybabel does not look
inside f-strings; the keys are listed here (the no-op marker ``N_`` marks them), so that
``pybabel update`` keeps them in the catalogues. ``tests/test_i18n.py`` fails when a
catalogue key is found neither at a call site nor here: add it here when you build a key
from a value, or better, write the whole key at the call site (``N_("ui.key_next")``).
"""

from __future__ import annotations

from pitchroom.i18n import N_

KEYS = (
    # pitchroom/i18n/__init__.py method_name: a consensus method by its name, "method." + key
    N_("method.mean"),
    N_("method.trimmed"),
    N_("method.median"),
    N_("method.zscore"),
    N_("method.majority"),
    N_("method.borda"),
    N_("method.schulze"),
    # pitchroom/service/eventtext.py: an audit action in words, "event." + the action
    N_("event.absence_lifted"),
    N_("event.absence_marked"),
    N_("event.comment_cleared"),
    N_("event.comment_saved"),
    N_("event.decision_recorded"),
    N_("event.decision_withdrawn"),
    N_("event.pitch_closed"),
    N_("event.pitch_opened"),
    N_("event.pitch_reinstated"),
    N_("event.pitch_reopened"),
    N_("event.pitch_withdrawn"),
    N_("event.pot_transfer"),
    N_("event.protocol_changed"),
    N_("event.ranking_hidden"),
    N_("event.ranking_revealed"),
    N_("event.recusal_declared"),
    N_("event.recusal_lifted"),
    N_("event.recusal_recorded"),
    N_("event.score_cleared"),
    N_("event.score_imported"),
    N_("event.score_revised"),
    N_("event.score_set"),
    N_("event.session_imported"),
    N_("event.tie_decided"),
    N_("event.timer_paused"),
    N_("event.timer_qa_started"),
    N_("event.timer_started"),
    N_("event.undo"),
    # pitchroom/cli/report_text.py: a pitch's status, t(f"cli.status_{status}")
    N_("cli.status_funded"),
    N_("cli.status_ineligible"),
    N_("cli.status_pending"),
    N_("cli.status_reserve"),
    N_("cli.status_unscored"),
    N_("cli.status_withdrawn"),
    # pitchroom/export/report.py and tables.py: status, decision, counting, role from a value
    N_("export.counts_eligible"),
    N_("export.counts_observer"),
    N_("export.decision_award"),
    N_("export.decision_reject"),
    N_("export.decision_reserve"),
    N_("export.role_chair"),
    N_("export.role_juror"),
    N_("export.role_observer"),
    N_("export.status_funded"),
    N_("export.status_ineligible"),
    N_("export.status_pending"),
    N_("export.status_reserve"),
    N_("export.status_unscored"),
    N_("export.status_withdrawn"),
    # pitchroom/export/forms.py and htmlreport.py: inside f-strings, where pybabel does not look
    N_("export.form_applicant"),
    N_("export.form_comment"),
    N_("export.form_date"),
    N_("export.form_juror"),
    N_("export.form_pitch"),
    N_("export.form_signature"),
    N_("export.forms_none"),
    N_("export.signature_date"),
    # pitchroom/domain/validation.py: t(f"session.unknown_{kind}") and its _hint
    N_("session.unknown_juror"),
    N_("session.unknown_juror_hint"),
    N_("session.unknown_pitch"),
    N_("session.unknown_pitch_hint"),
    # pitchroom/store/store.py: t(f"store.already_{field}_{'on' if on else 'off'}")
    N_("store.already_closed_off"),
    N_("store.already_closed_on"),
    N_("store.already_withdrawn_off"),
    N_("store.already_withdrawn_on"),
    # pitchroom/ui/widgets/chart_view.py: a call with a t(f"...") argument
    N_("ui.chart_left_out_part"),
    # pitchroom/ui/widgets/ranking_table.py: t(f"ui.col_{name}"), t(f"ui.rank_status_{status}")
    N_("ui.col_bootstrap"),
    N_("ui.col_cumulative"),
    N_("ui.col_decision"),
    N_("ui.col_fragile"),
    N_("ui.col_interval"),
    N_("ui.col_jurors"),
    N_("ui.col_pot"),
    N_("ui.col_requested"),
    N_("ui.col_spread"),
    N_("ui.rank_status_funded"),
    N_("ui.rank_status_ineligible"),
    N_("ui.rank_status_pending"),
    N_("ui.rank_status_reserve"),
    N_("ui.rank_status_unscored"),
    N_("ui.rank_status_withdrawn"),
    # pitchroom/ui/dialogs/decision.py, widgets/pitch_card.py: t(f"ui.decision_{key}")
    N_("ui.decision_award"),
    N_("ui.decision_reject"),
    N_("ui.decision_reserve"),
    # pitchroom/ui/dialogs/export.py: t(f"ui.export_{fmt}")
    N_("ui.export_csv"),
    N_("ui.export_html"),
    N_("ui.export_json"),
    N_("ui.export_md"),
    N_("ui.export_xlsx"),
    # pitchroom/ui/widgets/ranking_funding.py: a key + "_pot"
    N_("ui.reserve_item_pot"),
    N_("ui.reserve_tied_pot"),
)
