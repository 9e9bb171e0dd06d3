"""``python -m hymnsheet_talk`` runs the same command as ``hymnsheet``."""

from .cli import main

main()
