"""English messages for the store (keys start with ``store.``)."""

MESSAGES: dict[str, str] = {
    "store.missing": "{path}: no such file. Create it with `pitchroom import SESSION.toml`.",
    "store.not_a_db": (
        "{path}: not a pitchroom database. Give the .db file that `pitchroom import` made."
    ),
    "store.damaged": (
        "{path}: the database cannot be read ({error}). Restore it from a backup "
        "(`pitchroom backup` makes one)."
    ),
    "store.holds_scores": (
        "{path}: this database already holds scores and will not be replaced. "
        "Open it with `pitchroom open`, or import into another file with --db."
    ),
    "store.unknown": "unknown {field} '{value}'; known: {known}.",
    "store.unknown_hint": "unknown {field} '{value}'; did you mean '{hint}'?",
    "store.observer_cannot_score": "{juror} is an observer and does not score.",
    "store.off_scale": ("{value} is not on the scale: use {min} to {max} in steps of {step}."),
    "store.recused_cannot_score": (
        "{juror} is recused from {pitch} and cannot score it; lift the recusal first."
    ),
    "store.absent_cannot_score": ("{juror} is marked absent for {pitch}; mark them present first."),
    "store.withdrawn_cannot_score": "{pitch} is withdrawn; reinstate it before scoring.",
    "store.closed_needs_reason": (
        "{pitch} is closed: changing a score needs a reason (it is kept as a revision)."
    ),
    "store.unchanged": "nothing to change: the value is already that.",
    "store.already_recused": "{juror} is already recused from {pitch}.",
    "store.already_lifted": "{juror} is not recused from {pitch}.",
    "store.already_absent": "{juror} is already marked absent for {pitch}.",
    "store.already_present": "{juror} is not marked absent for {pitch}.",
    "store.bad_decision": "'{value}' is not a decision; use one of: {allowed}.",
    "store.motivation_required": "a decision needs a motivation (it goes in the jury report).",
    "store.negative_amount": "the amount cannot be negative.",
    "store.amount_only_award": "an amount can only be granted with an award.",
    "store.already_closed_on": "{pitch} is already closed.",
    "store.already_closed_off": "{pitch} is not closed.",
    "store.already_withdrawn_on": "{pitch} is already withdrawn.",
    "store.already_withdrawn_off": "{pitch} is not withdrawn.",
    "store.reopen_needs_reason": "reopening {pitch} needs a reason (it goes in the log).",
    "store.cannot_undo": "event #{id} cannot be undone.",
    "store.undo_stale": ("event #{id} cannot be undone: that value was changed again since."),
    "store.undo_reason": "undo of event #{id}",
    "store.transfer_same": "the source and target pot must differ.",
    "store.transfer_positive": "the amount to move must be more than zero.",
    "store.transfer_over_left": (
        "{pot} has only {currency} {left} left under the current ranking; move at most that much."
    ),
    "store.reason_required": "a reason is required (it goes in the log).",
    "store.tie_needs_two": "a tie decision orders two or more different pitches.",
    "store.amend_only_protocol": (
        "only the scoring protocol can be amended (scale, criteria weights, order and "
        "thresholds, method, quorum, budget, cap, funding rule, pot budgets); pitches, jurors "
        "and criteria stay as imported."
    ),
    "store.amend_unchanged": "the protocol in this file is the one already in force.",
    "store.amend_scores_off_scale": (
        "saved scores are off the new scale ({values}); correct them first."
    ),
    "store.verify_gap": "altered: event #{id} is missing from the log.",
    "store.verify_altered": "altered: event #{id} ({action}) does not match its hash chain.",
    "store.verify_unaccounted": (
        "altered: {entity} {key} is {actual} but the log accounts for {logged}."
    ),
    "store.verify_nothing": "nothing",
    "store.verify_intact": "intact; head {head}",
}
