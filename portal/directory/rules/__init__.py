"""The directory's use cases. Each function flushes and records what it changed; views commit."""
