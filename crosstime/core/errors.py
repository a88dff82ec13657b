"""The one base of CrossTime's own errors: each message names the input at fault and what to do."""


class CrossTimeError(Exception):
    """An input CrossTime cannot use, or a job that cannot run as asked. The message is for the user."""
