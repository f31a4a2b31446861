"""Step 3, the renderers: engine-free pages (Markdown plus finished HTML), paper pages,
images, related cards, links and redirects. They take the model and return text and bytes."""
