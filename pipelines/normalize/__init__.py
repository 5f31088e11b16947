"""Raw tables → tidy frames (pure functions)."""
