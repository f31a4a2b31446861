"""carryover/model/problems.py: how a problem reads, and the order an author sees them in."""

from __future__ import annotations

from carryover.model.problems import Problem, Problems, did_you_mean, not_allowed


def test_a_problem_reads_like_a_compiler_message():
    """Editors jump to file:line; the field says what to change."""
    assert str(Problem("content/a.md", 4, "title", "is missing")) == "content/a.md:4: title: is missing"
    assert str(Problem("content/a.md", 0, "", "cannot read")) == "content/a.md: cannot read"
    assert str(Problem("a.md", 2, "body", "long", "warning")) == "a.md:2: warning: body: long"


def test_paths_are_named_from_the_project_root(tmp_path):
    problems = Problems(root=tmp_path)
    problems.error(tmp_path / "content" / "x.en.md", 3, "id", "bad")
    problems.error("/elsewhere/y.md", 1, "", "outside")
    assert [p.path for p in problems.items] == ["content/x.en.md", "/elsewhere/y.md"]


def test_errors_are_sorted_with_unreadable_files_first():
    """A file that could not be read explains what follows from it (a link to its page)."""
    problems = Problems()
    problems.error("a.md", 9, "", "a link to the broken page")
    problems.error("z.md", 1, "", "not valid YAML")
    problems.error("a.md", 2, "", "earlier line")
    problems.root_causes.add("z.md")
    assert [(p.path, p.line) for p in problems.errors] == [("z.md", 1), ("a.md", 2), ("a.md", 9)]


def test_warnings_alone_do_not_make_a_library_fail():
    problems = Problems()
    problems.warning("a.md", 1, "", "hard to read")
    assert not problems
    assert [p.severity for p in problems.warnings] == ["warning"] and problems.errors == []
    problems.error("a.md", 1, "", "broken")
    assert problems and len(problems.errors) == 1 and len(problems.warnings) == 1


def test_did_you_mean_suggests_only_a_close_match():
    assert did_you_mean("sensorial", ["sensory", "fine-motor"]) == "; did you mean 'sensory'?"
    assert did_you_mean("zzz", ["sensory", "fine-motor"]) == ""


def test_not_allowed_lists_the_vocabulary_sorted_and_cut_short_when_long():
    assert not_allowed("a category", "sensorial", ["sensory", "motor"]) == (
        "'sensorial' is not a category (allowed: motor, sensory; did you mean 'sensory'?)"
    )
    many = [f"tag-{i:02d}" for i in range(20)]
    message = not_allowed("a tag", "x", many)
    assert "tag-14, …)" in message and "tag-15" not in message
