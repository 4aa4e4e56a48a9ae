"""Units and programmes: models, the bundled catalogue, the loader and the agenda builder."""
