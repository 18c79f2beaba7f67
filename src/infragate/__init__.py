"""infragate: separate infrastructure thinking from infrastructure execution."""

__version__ = "0.1.0"
