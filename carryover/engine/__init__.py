"""Step 4, the engine adapters: the only code that knows a site engine. Each adapter
turns the renderers' pages into a site (see docs/engines.md for what an adapter provides)."""
