"""The work programme's rules: each flushes, never commits."""


class Refused(Exception):
    """A rule refused the change; ``message`` says why, for the person; ``field`` names the answer it is about."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message, self.field = message, field
