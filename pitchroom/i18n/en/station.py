"""English messages for juror stations, the browser server and the projector view
(keys start with ``station.``)."""

MESSAGES: dict[str, str] = {
    # -- juror station
    "station.title": "pitchroom station",
    "station.header": "{session} | station of {juror}",
    "station.no_pitch": "Waiting for the chair to open a pitch.",
    "station.position": "Pitch {position} of {total}",
    "station.applicant": "Applicant: {applicant}",
    "station.requested": "Requested: {currency} {amount}",
    "station.recused": "You are recused from this pitch ({reason}). There is nothing to score.",
    "station.recused_no_reason": "You are recused from this pitch. There is nothing to score.",
    "station.absent": "You are marked absent for this pitch. There is nothing to score.",
    "station.withdrawn": "This pitch was withdrawn. There is nothing to score.",
    "station.closed": "The chair has closed this pitch: your scores are read-only now.",
    "station.scale": "Scale {min} to {max}, step {step}. Enter saves a score and moves on.",
    "station.criterion": "{name} (weight {weight})",
    "station.comment": "Comment",
    "station.comment_placeholder": "Your comment on this pitch (optional)",
    "station.saved": "saved",
    "station.not_saved": "not saved",
    "station.refused": "refused",
    "station.complete": "All {count} criteria saved for this pitch.",
    "station.incomplete": "{saved} of {count} criteria saved for this pitch.",
    "station.not_a_number": "{value} is not a number: type a score such as 7 or 7.5.",
    "station.saved_all": "Your scores for {pitch} are saved.",
    "station.nothing_to_save": "Nothing to save: every entry is already saved.",
    "station.chair_moved": (
        "The chair opened {new}. Press ctrl+s to save your entries for {old}, "
        "or escape to discard them, to follow."
    ),
    "station.discarded": "Unsaved entries discarded.",
    "station.bind_save": "Save",
    "station.bind_save_tip": "Save every changed score and your comment",
    "station.bind_discard": "Discard",
    "station.bind_discard_tip": "Discard unsaved entries and follow the chair",
    "station.bind_quit": "Quit",
    "station.bind_quit_tip": "Close this station (saved scores stay saved)",
    "station.pin_prompt": "This station is locked. Type the PIN to open it.",
    "station.pin_wrong": "Wrong PIN.",
    "station.pin_placeholder": "PIN",
    # -- timer (station and projector)
    "station.phase_pitch": "Pitch",
    "station.phase_qa": "Q&A",
    "station.timer_paused": "paused",
    "station.timer_running": "running",
    "station.timer_over": "over time",
    # -- projector view
    "station.projector_title": "pitchroom projector",
    "station.projector_scored": "{complete} of {eligible} jurors have scored",
    "station.projector_hidden": "Scores and ranking stay hidden until the chair reveals them.",
    "station.projector_ranking": "Ranking ({method})",
    "station.projector_no_ranking": "The ranking is revealed, but it cannot be computed yet.",
    "station.projector_rank_row": "{rank}. {title}",
    "station.col_rank": "Rank",
    "station.col_pitch": "Pitch",
    "station.col_score": "Score",
    "station.col_status": "Status",
    # -- browser server
    "station.serve_forbidden": "This link is not valid. Ask the chair for your private link.",
    "station.serve_origin": "Connections from another site are refused.",
    "station.serve_public_url": (
        "binding to all interfaces ({host}) needs --public-url, the address other "
        "devices use to reach this one (for example http://192.168.1.20:8000)"
    ),
    "station.serve_bad_url": "{url} is not a web address: start it with http:// or https://",
    "station.serve_no_jurors": "the session has no scoring jurors to serve",
    "station.serve_header": "Juror stations for {session} at {url}. One private link per juror:",
    "station.serve_link": "{juror}\t{name}\t{link}",
    "station.serve_stop": "Press ctrl+c to stop the server; open stations then close.",
    "station.serve_page_title": "pitchroom station of {juror}",
    # -- command line help
    "station.cli_juror_help": "A juror's own scoring station: follows the chair's open pitch.",
    "station.cli_opt_juror": "The juror's key from the session file.",
    "station.cli_opt_pin": "Lock the station with this PIN until it is typed in.",
    "station.cli_serve_help": ("Juror stations in the browser: prints one private link per juror."),
    "station.cli_opt_host": "Address to listen on (0.0.0.0 for all interfaces).",
    "station.cli_opt_port": "Port to listen on.",
    "station.cli_opt_public_url": "The address browsers use to reach this server.",
    "station.cli_screen_help": (
        "The projector view: current pitch, timer and how many jurors have scored."
    ),
}
