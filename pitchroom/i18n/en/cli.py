"""English messages for the command line (keys start with ``cli.``)."""

MESSAGES: dict[str, str] = {
    "cli.help": (
        "Run a jury pitch session: the chair screen, juror stations, scores from paper "
        "forms, the consensus ranking, exports and the audit log."
    ),
    "cli.opt_debug": "Show a traceback for unexpected errors.",
    "cli.opt_actor": "Who makes this change, for the audit log.",
    "cli.opt_force": "Replace the file if it exists.",
    "cli.opt_db": "The database to use (default: FILE.db beside the session file).",
    "cli.opt_demo_db": "Where to keep the demo database (default: a new file here).",
    "cli.opt_from": "Read many scores from a CSV file (columns pitch,juror,criterion,value).",
    "cli.opt_reason_closed": "Why a score of a closed pitch changes (kept as a revision).",
    "cli.opt_reason": "The reason, for the log and the jury report.",
    "cli.opt_lift_recusal": "Lift the recusal instead of recording it.",
    "cli.opt_lift_absence": "Mark the juror present again.",
    "cli.opt_amount": "The amount granted (award only; default: the requested amount).",
    "cli.opt_motivation": "The jury's motivation (goes in the jury report).",
    "cli.opt_method": "The consensus method (default: the session's).",
    "cli.opt_json": "Print JSON instead of a table.",
    "cli.opt_no_extras": "Skip the rank intervals, bootstrap and fragile flags (faster).",
    "cli.opt_log_pitch": "Only the events about this pitch.",
    "cli.opt_limit": "Only the last N events.",
    "cli.unexpected": (
        "pitchroom: unexpected error: {error}. Nothing shown as saved was lost; "
        "run again with --debug for details."
    ),
    "cli.exists": "the file exists already; choose another name or add --force.",
    "cli.cannot_write": "cannot write here ({error}); choose a folder you can write to.",
    "cli.new_help": "Write a commented template session file with the six default criteria.",
    "cli.new_done": "Wrote {path}. Edit it, then run `pitchroom check {path}`.",
    "cli.check_help": "Check a session file; print a summary or every problem.",
    "cli.language_pending": (
        "{path}: session.language: note: the '{language}' interface is not in this version "
        "yet, so screens, messages and exports are in English; the session file is fine."
    ),
    "cli.check_summary": (
        "ok. Criteria: {criteria}; jurors: {jurors} ({scoring} scoring); pitches: {pitches}; "
        "declared conflicts: {conflicts}; pots: {pots}; protocol {protocol}"
    ),
    "cli.import_help": (
        "Create the session database from a session file, without opening a screen."
    ),
    "cli.import_done": "Created {path}: {summary}",
    "cli.open_help": (
        "Open the chair screen on a session file (imported the first time, resumed after) "
        "or on a session database."
    ),
    "cli.toml_changed": (
        "the session file changed since it was imported into {db}; the database keeps "
        "the imported version"
    ),
    "cli.demo_help": "Open the chair screen on the bundled demo session, in a fresh database.",
    "cli.demo_saved": "The demo session is saved in {path}.",
    "cli.score_help": (
        "Record scores from the command line: PITCH JUROR CRITERION=VALUE ..., or many "
        "at once with --from scores.csv (all or nothing)."
    ),
    "cli.score_usage": "give PITCH JUROR CRITERION=VALUE ..., or --from FILE.csv",
    "cli.score_from_alone": "--from reads every score from the CSV; give no PITCH or JUROR too",
    "cli.assignment_form": "'{item}' is not CRITERION=VALUE (for example feasibility=8).",
    "cli.no_scores": "no scores given; add CRITERION=VALUE pairs.",
    "cli.csv_empty": "the file has a header but no rows.",
    "cli.scores_saved": "Saved {count} scores ({rows} given; unchanged ones are skipped).",
    "cli.recuse_help": "Record (or lift) a juror's conflict of interest for a pitch.",
    "cli.recused": "{juror} is recused from {pitch}.",
    "cli.recusal_lifted": "{juror} is no longer recused from {pitch}.",
    "cli.absent_help": "Mark a juror absent for a pitch (or present again with --lift).",
    "cli.absent": "{juror} is marked absent for {pitch}.",
    "cli.present": "{juror} is marked present for {pitch}.",
    "cli.comment_help": "Record a juror's comment on a pitch (an empty text removes it).",
    "cli.comment_saved": "Saved the comment of {juror} on {pitch}.",
    "cli.decide_help": "Record the jury's decision on a pitch: award, reserve or reject.",
    "cli.decided": "Recorded: {pitch} {decision}.",
    "cli.ranking_help": "Print the consensus ranking with the funding line, or JSON.",
    "cli.col_rank": "Rank",
    "cli.col_pitch": "Pitch",
    "cli.col_score": "Score",
    "cli.col_jurors": "Jurors",
    "cli.col_spread": "Spread",
    "cli.col_interval": "Range",
    "cli.col_requested": "Requested ({currency})",
    "cli.col_pot": "Pot",
    "cli.col_status": "Status",
    "cli.status_funded": "funded",
    "cli.status_reserve": "reserve",
    "cli.status_ineligible": "ineligible",
    "cli.status_pending": "pending",
    "cli.status_unscored": "unscored",
    "cli.status_withdrawn": "withdrawn",
    "cli.status_fragile": "{status}, fragile",
    "cli.status_discuss": "{status}, discuss",
    "cli.ranking_footer": (
        "Method {method} · protocol {protocol} · agreement (Kendall's W) {agreement}"
        " · Krippendorff's alpha {alpha}"
    ),
    "cli.bootstrap_exact": "Bootstrap intervals: exact, over every resample of the jurors.",
    "cli.bootstrap_seeded": "Bootstrap intervals: seeded resampling, seed {seed}.",
    "cli.pot_line": "Pot {pot}: {currency} {left} left of {budget}; first unfunded: {first}",
    "cli.log_help": "Print the audit log.",
    "cli.col_id": "#",
    "cli.col_time": "Time (UTC)",
    "cli.col_actor": "Actor",
    "cli.col_action": "Action",
    "cli.col_subject": "Pitch/juror/criterion",
    "cli.col_change": "Change",
    "cli.col_reason": "Reason",
    "cli.change": "{before} → {after}",
    "cli.verify_help": (
        "Recompute the audit log's hash chain and replay it against the record: "
        "exit 0 when intact, 1 when altered."
    ),
    "cli.verify_intact": "intact: {events} events, head {head}",
    "cli.amend_help": (
        "Change the scoring protocol of a session from an edited session file: a logged chair "
        "action with a reason. Only the protocol may differ."
    ),
    "cli.opt_reason_required": "Why the protocol changes (required; goes in the log).",
    "cli.amended": "Protocol changed: {old} -> {new}.",
    "cli.backup_help": "Make a consistent single-file copy of a running session's database.",
    "cli.backup_same": "the copy must be another file than the database.",
    "cli.backup_done": "Wrote {path}.",
}
