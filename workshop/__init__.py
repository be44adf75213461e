"""OKR Workshop: a projector-friendly terminal app that runs a timed OKR-writing workshop."""

__version__ = "0.1.0"
