"""The MkDocs 1.6 + Material 9 adapter: its events (``site``, ``kept``), the build command
(``build``), Material's search (``search``). Nothing outside this package imports MkDocs or Material."""
