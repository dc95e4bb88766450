"""English messages for the session part (keys start with ``session.``).

They follow ``FILE:LINE: FIELD: `` in the output, so each starts in lower case
and says what is wrong, then how to fix it.
"""

MESSAGES: dict[str, str] = {
    # -- the file itself --------------------------------------------------------------
    "session.file_missing": (
        "no such file. Check the name and folder, or write a template with `pitchroom new {name}`."
    ),
    "session.cannot_read": "cannot read the file ({error}).",
    "session.not_utf8": (
        "the file is not UTF-8 text (byte 0x{byte} on this line). Save it with the "
        "encoding UTF-8 (most editors offer it under Save As)."
    ),
    "session.csv_not_utf8": (
        "the file is not UTF-8 text (byte 0x{byte} on this line). Save it with the "
        'encoding UTF-8 (in a spreadsheet: Save As, "CSV UTF-8").'
    ),
    "session.file_empty": (
        "the file holds no settings (it is empty or only comments). A session needs "
        "[session] with a title, [[criteria]], [[jurors]] and [[pitches]]; run "
        "`pitchroom new {name}` for a commented template to start from."
    ),
    "session.toml_syntax": (
        "this is not valid TOML: {error} (column {column}). Check the quotes, brackets "
        "and the `key = value` form on this line."
    ),
    "session.toml_syntax_end": (
        "this is not valid TOML: {error} at the end of the file. Look for a quote or "
        "bracket that is opened and never closed."
    ),
    "session.toml_key_twice": (
        "this key is given a second time in the same table (column {column}); TOML "
        "allows each key once, so remove or rename one of them."
    ),
    "session.toml_table_twice": (
        "the table [{table}] is declared a second time; merge the two into one (a list "
        "of entries is written [[{table}]])."
    ),
    "session.toml_unclosed": (
        "a quote is not closed on this line (column {column}); end the text with a "
        'quote, or use triple quotes (""") for text over several lines.'
    ),
    "session.toml_too_deep": "the file nests tables or lists too deeply to read.",
    # -- field-level rules ------------------------------------------------------------
    "session.missing_table": (
        'the [session] table is missing; add a line [session] followed by title = "...".'
    ),
    "session.missing_list": "no {section} given; add at least one [[{section}]] entry.",
    "session.missing_pitches": (
        "no pitches given; add [[pitches]] entries, or name a CSV file with "
        'pitches_csv = "pitches.csv" under [session].'
    ),
    "session.missing_key": "this is required but missing; add {key} = ... here.",
    "session.unknown_key_hint": "unknown key '{key}'; did you mean '{hint}'?",
    "session.unknown_key": "unknown key '{key}'; the keys allowed here are: {allowed}.",
    "session.key_belongs_in_session": (
        "'{key}' belongs to the session: move it below the [session] line."
    ),
    "session.empty_text": "the {key} is empty; fill it in.",
    "session.text_too_long": "this is too long ({length} characters); use at most {max}.",
    "session.empty_list": "the list is empty; give at least one entry.",
    "session.empty_key": (
        "the key is empty; give a short unique key of lower-case letters, digits, '-' and '_'."
    ),
    "session.bad_slug": (
        "'{value}' is not a valid key: use 1 to 64 lower-case letters a-z, digits, '-' "
        "and '_', starting with a letter or digit (for example '{example}')."
    ),
    "session.not_allowed": "{value} is not allowed here; use one of: {allowed}.",
    "session.weight_positive": (
        "the weight must be more than 0 (it is {value}); use 1 for a normal weight, "
        "2 to count a criterion double."
    ),
    "session.greater_than": "this must be more than {limit} (it is {value}).",
    "session.negative_amount": ("an amount cannot be negative (it is {value}); write 0 or more."),
    "session.at_least": "this must be at least {limit} (it is {value}).",
    "session.not_finite": "this must be an ordinary number, not {value}.",
    "session.number_quoted": (
        "{value} is text in quotes, not a number; write the number itself without quotes "
        "or thousands separators (use _ instead if you like: 180_000)."
    ),
    "session.expected_text": 'this should be text in quotes, such as "...", not {value}.',
    "session.expected_whole": "this should be a whole number, such as 3, not {value}.",
    "session.expected_number": "this should be a number, such as 10 or 7.5, not {value}.",
    "session.expected_bool": "this should be true or false (without quotes), not {value}.",
    "session.expected_date": (
        "this should be a date written as 2024-06-12 (without quotes), not {value}."
    ),
    "session.expected_list": (
        'this should be a list in square brackets, such as ["A", "B"], not {value}.'
    ),
    "session.expected_table": (
        "this should be a table (a [header] with keys below it, or {{ key = value }}), not {value}."
    ),
    "session.and_more": " and {count} more",
    "session.invalid": "this value is not valid: {detail}.",
    "session.control_char": (
        "contains the control character {char}, which is refused because it could "
        "rewrite the screen; remove it."
    ),
    "session.newline_not_allowed": (
        "contains a {char}; only summaries and descriptions may span lines or hold "
        "tabs. Put this text on one line."
    ),
    # -- rules across fields ----------------------------------------------------------
    "session.duplicate_key": (
        "the key '{key}' is used twice: {first} has it already. Keys in {section} must "
        "be unique; rename one."
    ),
    "session.unknown_juror_hint": "no juror has the key '{key}'; did you mean '{hint}'?",
    "session.unknown_juror": "no juror has the key '{key}'; the jurors are: {known}.",
    "session.unknown_pitch_hint": "no pitch has the key '{key}'; did you mean '{hint}'?",
    "session.unknown_pitch": "no pitch has the key '{key}'; the pitches are: {known}.",
    "session.duplicate_conflict": (
        "this is the same conflict as {first} ({juror} with {pitch}); remove one of them."
    ),
    "session.scale_order": (
        "the scale's max ({max}) must be more than its min ({min}); swap or correct them."
    ),
    "session.scale_step": (
        "a step of {step} does not fit a whole number of times between {min} and {max}; "
        "choose a step that does, such as {suggestion}."
    ),
    "session.scale_too_fine": (
        "a step of {step} gives {count} values between {min} and {max}; use a larger "
        "step, for at most {limit} values."
    ),
    "session.threshold_off_scale": (
        "the threshold {value} is outside the scale ({min} to {max}); use a value on "
        "the scale, or remove the threshold."
    ),
    "session.spread_too_large": (
        "discuss_spread {value} is larger than the whole scale ({range}), so no pitch "
        "would ever be flagged; use a smaller value, or remove it for the default."
    ),
    "session.no_scoring_juror": (
        "no juror scores: every juror is an observer. Give at least one juror "
        'role = "juror" or role = "chair".'
    ),
    "session.quorum_too_large": (
        "the quorum is {quorum} but only {count} jurors score; lower the quorum or add "
        'jurors with role "juror" or "chair".'
    ),
    "session.pot_limits": (
        "min_requested ({min}) is more than max_requested ({max}), so no pitch fits this "
        "pot; swap or correct them."
    ),
    "session.pots_over_budget": (
        "the pots' budgets add up to {currency} {total}, more than the session budget of "
        "{currency} {budget}; lower a pot's budget or raise the session budget."
    ),
    # -- the pitches CSV --------------------------------------------------------------
    "session.csv_row": "the row on line {line}",
    "session.csv_path_empty": (
        "pitches_csv is empty; give the CSV file's name, or remove the line and use [[pitches]]."
    ),
    "session.csv_and_pitches": (
        "pitches are given twice: in pitches_csv and as [[pitches]] in this file. Keep "
        "one of the two."
    ),
    "session.csv_missing": (
        "the pitches file '{name}' does not exist (looked for {path}); the path is "
        "relative to this session file."
    ),
    "session.csv_missing_file": "no such file.",
    "session.csv_not_a_file": (
        "'{name}' ({path}) is not a file; give the path of the pitches CSV file."
    ),
    "session.csv_no_rows": (
        "'{name}' has a header but no pitches; add one row per pitch below the header."
    ),
    "session.csv_empty": "the file is empty; its first line must be the header: {columns}.",
    "session.csv_unknown_column_hint": (
        "unknown column '{column}'; did you mean '{hint}'? The columns are: {columns}."
    ),
    "session.csv_unknown_column": "unknown column '{column}'; the columns are: {columns}.",
    "session.csv_missing_column": (
        "the header has no column '{column}', which is required; the header is: {header}."
    ),
    "session.csv_duplicate_column": (
        "the column '{column}' appears twice in the header; keep one."
    ),
    "session.csv_empty_column": (
        "column {number} of the header has no name; name it or remove the column."
    ),
    "session.csv_too_many_cells": (
        "this row has {count} cells but the header has {expected}; put a cell that "
        "contains '{delimiter}' in double quotes."
    ),
    "session.csv_too_many_cells_partners": (
        "this row has {count} cells but the header has {expected}. With ';' as the "
        'delimiter, put the partners in double quotes, such as "Partner A; Partner B".'
    ),
    "session.csv_broken": "the file cannot be read as CSV ({error}).",
    # -- amounts and scores -----------------------------------------------------------
    "session.amount_empty": "no amount given; write digits, such as 180000 or 180000.50.",
    "session.amount_negative": "'{text}' is negative; an amount cannot be negative.",
    "session.amount_not_number": (
        "'{text}' is not an amount; write only digits with at most two decimals, such "
        "as 180000 or 180000.50 (no currency sign, spaces or thousands separators)."
    ),
    "session.amount_ambiguous": (
        "'{text}' is ambiguous: it could mean {small} or {large}. Write amounts without "
        "thousands separators, such as {large}, and at most two decimals."
    ),
    "session.amount_thousands": (
        "'{text}' has thousands separators; write it without them, as {plain}."
    ),
    "session.amount_decimals": (
        "'{text}' has more than two decimals; write at most two, such as {rounded}."
    ),
    "session.score_empty": "no value given; write a score such as 7 or 7.5.",
    "session.score_not_number": (
        "'{text}' is not a score; write a number such as 7 or 7.5 (7,5 works too)."
    ),
}
