"""Decision use cases. Each function flushes and records what it changed; callers commit."""
