"""The browser form for writing cards (Decap CMS): its configuration, its saves, its server."""
