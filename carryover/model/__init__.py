"""Step 1, the content model: what a card, routine, sign or guide is (``schema``), how
its files are read (``source``), the vocabularies (``taxonomy``, ``review``) and the
paired, two-language ``library``. Nothing here knows how pages look or which engine builds them."""
