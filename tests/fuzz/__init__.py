"""Fuzzing: argmap answers or refuses clearly, whatever it is given (see ``oracle.py``)."""
