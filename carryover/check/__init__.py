"""Step 2, the checks: everything that finds a problem in the content (``content``), in how
it reads (``readability``), and ``library.check_library``, which `carryover check` and the
build both call, so the two always agree."""
