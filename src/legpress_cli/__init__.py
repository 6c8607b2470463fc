"""legpress: a command-line advisor for the leg press machine."""

__version__ = "0.1.0"
