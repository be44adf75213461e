"""The `okr-workshop` command line.

Every heavy import (Textual, SQLModel, WeasyPrint) happens inside the command
that needs it, so `okr-workshop --help` answers in the time Python takes to
start. Errors the user can fix are one line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workshop.paths import DB_ENV_VAR, default_db_url

EXPORT_FORMATS = ("pdf", "md", "json", "csv", "ics")


def _fail(message: str) -> None:
    """Print one line and exit non-zero (click shows no traceback)."""
    raise click.ClickException(_one_line(message))


def _one_line(message: str) -> str:
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    return " ".join(lines) if lines else "unknown error"


class _OneLineUsageError(click.ClickException):
    """A usage mistake (bad option, bad value) as one line, not click's usage block."""

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        command = error.ctx.command_path if error.ctx is not None else "okr-workshop"
        super().__init__(f"{_one_line(error.format_message())} (see `{command} --help`)")


class _Group(click.Group):
    """The command group, with one-line errors for every way a command can fail.

    Usage errors become one line. A database that fails under a command (disk
    full, locked, damaged) becomes one line too; only a real bug shows a traceback.
    """

    def make_context(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as error:
            raise _OneLineUsageError(error) from None

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _OneLineUsageError(error) from None
        except Exception as error:
            if _is_store_error(error):
                raise click.ClickException(_one_line(str(error))) from None
            raise


def _is_store_error(error: Exception) -> bool:
    """A StoreError or FieldTooLong, checked without importing the store for `list`.

    Only code that imported `workshop.db.store` can raise them, so if it is not
    loaded the error is something else.
    """
    store = sys.modules.get("workshop.db.store")
    return store is not None and isinstance(error, store.StoreError | store.FieldTooLong)


def _open_store(db_url: str | None):
    from workshop.db.errors import DatabaseError, open_store

    try:
        return open_store(db_url or default_db_url())
    except DatabaseError as error:
        _fail(str(error))


db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    envvar=DB_ENV_VAR,
    help=f"SQLAlchemy database URL (default: a SQLite file in your data folder; env {DB_ENV_VAR}).",
)


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.option(
    "--agenda",
    "agenda_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run an edited agenda: a folder of stage files like steps/.",
)
@click.option("--workshop", "workshop_id", type=int, help="Open this workshop id directly.")
@click.pass_context
def main(
    ctx: click.Context, db_url: str | None, agenda_dir: Path | None, workshop_id: int | None
) -> None:
    """Run a timed, two-hour OKR workshop in the terminal.

    With no command, opens the workshop app: resume a workshop or start a new one.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    if ctx.invoked_subcommand is not None:
        return
    agenda = None
    if workshop_id is not None:
        from workshop.agenda import AgendaError, load_agenda

        # Opening a workshop directly shows its stage at once: check the whole agenda now.
        try:
            agenda = load_agenda(agenda_dir)
        except AgendaError as error:
            _fail(str(error))
    else:
        from workshop.agenda_files import AgendaError, stage_titles

        # The start screen only needs the titles, read without pydantic; a missing
        # folder or bad TOML still fails here, before Textual. The app checks every
        # field in its warm-up thread and ends with the same one line if one is wrong.
        try:
            stage_titles(agenda_dir)
        except AgendaError as error:
            _fail(str(error))
    url = db_url or default_db_url()
    store = summaries = None
    if workshop_id is None:
        from workshop.db.errors import DatabaseError
        from workshop.db.summaries import quick_summaries

        # Check the file and read the start screen's list before Textual starts,
        # without SQLAlchemy; the app opens the store behind the first frame.
        try:
            summaries = quick_summaries(url)
        except DatabaseError as error:
            _fail(str(error))
    if summaries is None:
        store = _open_store(url)
    if workshop_id is not None:
        from workshop.db.store import NotFound

        try:
            store.load(workshop_id)
        except NotFound:
            _fail(f"there is no workshop {workshop_id}; `okr-workshop list` shows them")

    from workshop.app import WorkshopApp

    app = WorkshopApp(
        url,
        store=store,
        agenda=agenda,
        agenda_dir=agenda_dir,
        workshop_id=workshop_id,
        summaries=summaries,
        freeze_long_lived=True,
    )
    app.run()
    if app.store is not None:
        app.store.close()
    if app.return_code:
        sys.exit(app.return_code)


@main.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List the workshops in the database."""
    from workshop.db.errors import DatabaseError
    from workshop.db.summaries import quick_summaries

    url = ctx.obj["db_url"] or default_db_url()
    try:
        # A SQLite file is read with the standard library: no SQLAlchemy to import.
        summaries = quick_summaries(url)
    except DatabaseError as error:
        _fail(str(error))
    if summaries is None:  # another database, or a schema to upgrade first
        summaries = _open_store(url).list_workshops()
    if not summaries:
        click.echo("No workshops yet. Run `okr-workshop` to start one.")
        return
    click.echo(f"{'ID':>4}  {'TEAM':<24} {'PERIOD':<10} {'OKRS':>7}  LAST CHANGE")
    for s in summaries:
        team = click.unstyle(s.team) or "(no team yet)"
        click.echo(
            f"{s.id:>4}  {_printable(team)[:24]:<24} {_printable(s.period)[:10]:<10} "
            f"{s.objective_count:>2}/{s.key_result_count:<4}  {s.updated_at:%Y-%m-%d %H:%M}"
        )


@main.command("coach")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON record per statement.")
def coach_command(file: Path, as_json: bool) -> None:
    """Judge the objectives and key results in a CSV or JSON file."""
    from workshop.coach import format_report
    from workshop.exports import ImportFileError, read_import

    try:
        workshop = read_import(file)
    except ImportFileError as error:
        _fail(str(error))
    click.echo(format_report(workshop, as_json=as_json), nl=False)


@main.command("export")
@click.argument("workshop_id", type=int)
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="pdf", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page-size", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.pass_context
def export_command(
    ctx: click.Context, workshop_id: int, fmt: str, output: Path | None, page_size: str
) -> None:
    """Export a workshop: the PDF handout, Markdown, JSON, CSV or a calendar."""
    from workshop.exports import ExportError, default_export_path, export_workshop

    workshop = _load_for_export(ctx.obj["db_url"] or default_db_url(), workshop_id)
    path = output or default_export_path(workshop, fmt)
    if fmt == "pdf":
        _freeze_before_layout()
    try:
        written = export_workshop(workshop, fmt, path, page_size=page_size)
    except ExportError as error:
        _fail(str(error))
    click.echo(str(written))


def _freeze_before_layout() -> None:
    """Keep the garbage collector off everything loaded so far, for this one-shot export.

    WeasyPrint's layout makes many short-lived objects, and each full collection
    rescans every object alive: WeasyPrint's own tables, the domain models,
    pydantic. This process exits once the file is written, so those live until
    then anyway; `gc.freeze()` spares the rescans (measured: 0.2-0.3 s of
    collection during the full handout's layout down to about 0.1 s). The app
    must not do this: it keeps running and needs its garbage collected.
    """
    import gc

    import weasyprint  # noqa: F401  (the export imports it next; freeze its objects too)

    gc.freeze()


def _load_for_export(url: str, workshop_id: int):  # type: ignore[no-untyped-def]
    """The workshop to export, read without SQLAlchemy when the database is a SQLite file.

    An export only reads, and importing SQLAlchemy would be a third of a PDF
    export's time. Other databases, and a schema to upgrade, go through the Store.
    """
    from workshop.db.errors import DatabaseError
    from workshop.db.quick_load import WorkshopNotFound, quick_load

    missing = f"there is no workshop {workshop_id}; `okr-workshop list` shows them"
    try:
        workshop = quick_load(url, workshop_id)
    except DatabaseError as error:
        _fail(str(error))
    except WorkshopNotFound:
        _fail(missing)
    if workshop is not None:
        return workshop
    from workshop.db.store import NotFound

    try:
        return _open_store(url).load(workshop_id)
    except NotFound:
        _fail(missing)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", help="Team name (a CSV has none; overrides a JSON file's).")
@click.option("--period", help="Period, e.g. 2027-Q1 (overrides a JSON file's).")
@click.pass_context
def import_command(ctx: click.Context, file: Path, team: str | None, period: str | None) -> None:
    """Create a workshop from a CSV or JSON file and print its id."""
    from workshop.exports import ImportFileError, read_import

    try:
        workshop = read_import(file, team=team, period=period)
    except ImportFileError as error:
        _fail(str(error))
    store = _open_store(ctx.obj["db_url"])
    click.echo(store.import_workshop(workshop))


@main.command("worksheet")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page-size", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
def worksheet_command(output: Path | None, page_size: str) -> None:
    """Write the blank pre-work worksheet PDF."""
    from workshop.exports import ExportError, write_worksheet
    from workshop.paths import exports_dir

    path = output or exports_dir() / "okr-worksheet.pdf"
    try:
        written = write_worksheet(path, page_size=page_size)
    except ExportError as error:
        _fail(str(error))
    click.echo(str(written))


def _printable(text: str) -> str:
    """Neutralise control characters so a team name cannot drive the terminal."""
    return "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)


if __name__ == "__main__":  # pragma: no cover
    main()
