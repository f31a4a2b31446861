"""carryover/engine/mkdocs/build.py: what an author sees of the engine's log."""

from __future__ import annotations

from carryover.check.library import NOTE_MARK
from carryover.engine.mkdocs.build import ENGINE_TAIL_LINES, engine_messages, engine_report

LOG = """INFO    -  Cleaning site directory
INFO    -  Building documentation to directory: /tmp/site/en
INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:
  - strategies/a.md
  - strategies/b.md
WARNING -  Doc file 'strategies/a.md' contains a link 'missing.md', but the target is not found.
INFO    -  [carryover note] 2 pages are not translated into es yet: strategies/a
\x1b[34mDEBUG   -  \x1b[0mColoured debug line, as on a terminal
\x1b[33mWARNING -  \x1b[0mColoured warning
INFO    -  Documentation built in 1.23 seconds
"""


def test_info_lines_and_their_continuations_are_dropped_warnings_kept():
    """Strict builds need warnings visible; the INFO chatter hid them."""
    assert engine_messages(LOG).splitlines() == [
        "WARNING -  Doc file 'strategies/a.md' contains a link 'missing.md', but the target is not found.",
        "note: 2 pages are not translated into es yet: strategies/a",
        "\x1b[33mWARNING -  \x1b[0mColoured warning",
    ]


def test_a_traceback_right_after_an_info_line_is_kept_whole():
    """The reason a build crashed must never be filtered away with the INFO lines."""
    log = (
        "INFO    -  Building documentation...\n"
        "  more about the info\n"
        "Traceback (most recent call last):\n"
        '  File "/x/hooks/site.py", line 3, in on_config\n'
        "    raise ValueError('boom')\n"
        "ValueError: boom\n"
        "Aborted with 1 warnings in strict mode!\n"
    )
    assert engine_messages(log).splitlines() == log.splitlines()[2:]


def test_debug_lines_are_dropped_error_lines_kept():
    log = "DEBUG   -  Loading plugin\nERROR   -  Config value 'x': bad\n    with detail\n"
    assert engine_messages(log) == "ERROR   -  Config value 'x': bad\n    with detail"


def test_a_note_ends_its_record_so_its_continuation_is_dropped():
    log = f"INFO    -  {NOTE_MARK} one stale page\n  strategies/a.md\n"
    assert engine_messages(log) == "note: one stale page"


def test_a_successful_quiet_build_reports_nothing():
    assert engine_report("INFO    -  Documentation built in 1 seconds\n", 0) == ""


def test_a_failure_with_no_message_shows_the_last_lines():
    """A crash that logged only INFO must still say something, or the build fails silently."""
    output = "".join(f"INFO    -  step {i}\n" for i in range(ENGINE_TAIL_LINES + 5))
    report = engine_report(output, 1).splitlines()
    assert report[0] == "the engine stopped (exit code 1) with no message; its last lines:"
    assert report[1:] == [f"INFO    -  step {i}" for i in range(5, ENGINE_TAIL_LINES + 5)]


def test_a_failure_with_no_output_at_all_is_said():
    assert engine_report("\n  \n", -9) == "the engine stopped (exit code -9) without printing anything"


def test_a_failure_with_messages_shows_the_messages():
    assert engine_report(LOG, 1) == engine_messages(LOG) != ""
