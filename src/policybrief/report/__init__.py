"""Report stage: the versioned policy brief (notebook -> HTML -> PDF) with its provenance manifest."""
