"""Standards pages, grouped by what they act on."""
