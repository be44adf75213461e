"""The two errors the exporters raise, kept in a module with no imports of its own.

Both carry a single line meant for the user: the command line prints it as is and
the app shows it in a notification, so neither ever needs a traceback.
"""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be written; `str(error)` is one line for the user."""


class ImportFileError(Exception):
    """A CSV or JSON file could not be read as a workshop.

    `str(error)` is one line that names the file and where the problem is: the row
    and the column for CSV, the JSON path (like `$.workshop.objectives[0].text`)
    for JSON.
    """
