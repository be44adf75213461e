"""The `okr-workshop` command line.

Every heavy import (Textual, SQLModel, WeasyPrint) happens inside the command
that needs it, so `okr-workshop --help` answers in the time Python takes to
start. Errors the user can fix are one line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from workshop.core.paths import DB_ENV_VAR, default_db_url

if TYPE_CHECKING:
    from workshop.core.db.store import Store
    from workshop.core.db.summaries import Summary
    from workshop.core.domain import Workshop
    from workshop.core.exports.json_format import CompanyLinks
    from workshop.core.okr.meetings import QuarterSection
    from workshop.core.room.record import RoomRecord

EXPORT_FORMATS = ("pdf", "md", "json", "csv", "ics", "steps")
EPHEMERAL_ENV_VAR = "OKR_WORKSHOP_EPHEMERAL"


def _fail(message: str) -> NoReturn:
    """Print one line and exit non-zero (click shows no traceback)."""
    raise click.ClickException(_one_line(message))


def _one_line(message: str) -> str:
    """One line that is safe to print: control characters shown, passwords masked."""
    from workshop.core.textsafe import terminal_line

    return terminal_line(str(message))


def _say(text: str) -> None:
    """Print one line of output that holds outside text (a path, a team name)."""
    click.echo(_one_line(text))


class _OneLineUsageError(click.ClickException):
    """A usage mistake (bad option, bad value) as one line, not click's usage block."""

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        command = error.ctx.command_path if error.ctx is not None else "okr-workshop"
        super().__init__(f"{_one_line(error.format_message())} (see `{command} --help`)")


class _Group(click.Group):
    """The command group, with one-line errors for every way a command can fail.

    Usage errors become one line. A database that fails under a command (disk
    full, locked, damaged) becomes one line too. Anything else is a bug: its
    traceback goes to a log file in the user data folder and the user gets one
    line saying what failed and where that file is. Only this entry point does
    that; the functions it calls raise their errors as they are.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _OneLineUsageError(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _OneLineUsageError(error) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _reader_went_away()
        except Exception as error:
            if _is_store_error(error):
                raise click.ClickException(_one_line(str(error))) from None
            raise click.ClickException(_unexpected(error, ctx)) from None


def _reader_went_away() -> NoReturn:
    """Stop quietly when what reads the output has closed it (`okr-workshop list | head`).

    Not a bug to log: the rest of the output is not wanted. Standard output is pointed
    at /dev/null so Python's own flush at exit does not fail a second time.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _is_store_error(error: Exception) -> bool:
    """A StoreError or FieldTooLong, checked without importing the store for `list`.

    Only code that imported `workshop.core.db.store` can raise them, so if it is not
    loaded the error is something else.
    """
    store = sys.modules.get("workshop.core.db.store")
    return store is not None and isinstance(error, store.StoreError | store.FieldTooLong)


def _unexpected(error: Exception, ctx: click.Context) -> str:
    """The one line for an error nobody expected, after logging its details."""
    command = " ".join(filter(None, ["okr-workshop", ctx.invoked_subcommand]))
    what = f"`{command}` stopped on an unexpected error ({type(error).__name__})"
    try:
        from workshop.core.errorlog import write_error_log

        log = write_error_log(error, ctx.invoked_subcommand or "(app)")
    except Exception as log_error:  # the log itself failed: still one line
        return f"{what}; the details could not be saved ({type(log_error).__name__})"
    return f"{what}; the details are in {log}"


def _open_store(db_url: str | None) -> Store:
    from workshop.core.db.errors import DatabaseError, open_store

    try:
        return open_store(db_url or default_db_url())
    except DatabaseError as error:
        _fail(str(error))


def _refuse_memory(url: str, *, ephemeral: bool) -> None:
    """An in-memory database loses everything on quit: only with --ephemeral."""
    from workshop.core.db.errors import is_memory_url

    if is_memory_url(url) and not ephemeral:
        _fail(
            f"{url} is an in-memory database: everything in it is lost when the program "
            "ends. Give a file (sqlite:///path/to/workshops.db), or add --ephemeral if "
            "that is what you want"
        )


def _open_read_only(url: str) -> Store | None:
    """A Store that reads without changing the database (None: nothing there yet)."""
    from workshop.core.db.errors import DatabaseError, open_store_read_only

    try:
        return open_store_read_only(url)
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
@click.option(
    "--ephemeral",
    is_flag=True,
    envvar=EPHEMERAL_ENV_VAR,
    help=f"Allow an in-memory database (sqlite://): everything is lost on quit "
    f"(env {EPHEMERAL_ENV_VAR}=1).",
)
@click.option(
    "--room",
    "open_room",
    is_flag=True,
    help="Open the room as the workshop opens: participants join from their phones "
    "on the local network (F11 in the app does the same).",
)
@click.option(
    "--room-port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="The port the room listens on (another is taken if it is busy).",
)
@click.option(
    "--room-dots",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="Dots each participant has to vote with, per question.",
)
@click.option(
    "--room-dots-per-note",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="The most dots one participant may put on one note.",
)
@click.pass_context
def main(
    ctx: click.Context,
    db_url: str | None,
    agenda_dir: Path | None,
    workshop_id: int | None,
    ephemeral: bool,
    open_room: bool = False,
    room_port: int = 8765,
    room_dots: int = 5,
    room_dots_per_note: int = 3,
) -> None:
    """Run a timed, two-hour OKR workshop in the terminal.

    With no command, opens the workshop app: resume a workshop or start a new one.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_url"] = db_url
    _refuse_memory(db_url or default_db_url(), ephemeral=ephemeral)
    if ctx.invoked_subcommand is not None:
        return
    agenda = None
    if workshop_id is not None:
        from workshop.core.agenda.model import AgendaError, load_agenda

        # Opening a workshop directly shows its stage at once: check the whole agenda now.
        try:
            agenda = load_agenda(agenda_dir)
        except AgendaError as error:
            _fail(str(error))
    else:
        from workshop.core.agenda.files import AgendaError, stage_titles

        # The start screen only needs the titles, read without pydantic; a missing
        # folder or bad TOML still fails here, before Textual. The app checks every
        # field in its warm-up thread and ends with the same one line if one is wrong.
        try:
            stage_titles(agenda_dir)
        except AgendaError as error:
            _fail(str(error))
    url = db_url or default_db_url()
    store: Store | None = None
    summaries: list[Summary] | None = None
    if workshop_id is None:
        from workshop.core.db.errors import DatabaseError
        from workshop.core.db.summaries import quick_summaries

        # Check the file and read the start screen's list before Textual starts,
        # without SQLAlchemy; the app opens the store behind the first frame.
        try:
            summaries = quick_summaries(url)
        except DatabaseError as error:
            _fail(str(error))
    if summaries is None:
        store = _open_store(url)
        if workshop_id is not None:
            from workshop.core.db.store import NotFound

            try:
                store.load(workshop_id)
            except NotFound:
                _fail(f"there is no workshop {workshop_id}; `okr-workshop list` shows them")

    from workshop.tui.app import WorkshopApp

    app = WorkshopApp(
        url,
        store=store,
        agenda=agenda,
        agenda_dir=agenda_dir,
        workshop_id=workshop_id,
        summaries=summaries,
        freeze_long_lived=True,
    )
    app.open_room_at_start = open_room  # the room (issue 16)
    from workshop.core.room.rules import RoomSettings

    try:
        settings = RoomSettings(dots_per_person=room_dots, max_dots_per_item=room_dots_per_note)
    except ValueError as error:
        _fail(f"--room-dots-per-note: {error}")
    app.room_options = {"port": room_port, "settings": settings}
    app.run()
    if app.store is not None:
        app.store.close()
    if app.recovery_path is not None:
        # The database did not take everything (full, deleted, unreachable): nothing is
        # dropped, the whole workshop went to a recovery file. Say where, and fail.
        path = _printable(str(app.recovery_path))
        click.echo(
            f"Not everything was saved to the database, so the whole workshop was written to "
            f"{path}. Bring it back with: okr-workshop import {path}",
            err=True,
        )
        sys.exit(app.return_code or 1)
    if app.return_code:
        sys.exit(app.return_code)


@main.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List the workshops in the database."""
    from workshop.core.db.errors import DatabaseError
    from workshop.core.db.summaries import quick_summaries

    url = ctx.obj["db_url"] or default_db_url()
    try:
        # A SQLite file is read with the standard library: no SQLAlchemy to import.
        summaries = quick_summaries(url)
    except DatabaseError as error:
        _fail(str(error))
    if summaries is None:  # another database, or an older schema: read, never upgrade
        store = _open_read_only(url)
        summaries = [] if store is None else store.list_workshops()
    if not summaries:
        click.echo("No workshops yet. Run `okr-workshop` to start one.")
        return
    from workshop.core.agenda.kinds import title as kind_title

    lines = [f"{'ID':>4}  {'KIND':<18} {'TEAM':<24} {'PERIOD':<10} {'OKRS':>7}  LAST CHANGE"]
    for s in summaries:
        team = _printable(s.team) or "(no team yet)"
        kind = _printable(kind_title(s.meeting_kind))
        lines.append(
            f"{s.id:>4}  {kind[:18]:<18} {team[:24]:<24} {_printable(s.period)[:10]:<10} "
            f"{s.objective_count:>2}/{s.key_result_count:<4}  {s.updated_at:%Y-%m-%d %H:%M}"
        )
    click.echo("\n".join(lines))  # one write, not one a workshop (1,000 at organisation scale)


@main.command("coach")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON record per statement.")
def coach_command(file: Path, as_json: bool) -> None:
    """Judge the objectives and key results in a CSV or JSON file."""
    from workshop.core.coach import format_report
    from workshop.core.exports import ImportFileError, read_import

    try:
        workshop = read_import(file)
    except ImportFileError as error:
        _fail(str(error))
    report = format_report(workshop, as_json=as_json)
    click.echo(_json_for_terminal(report) if as_json else _text_for_terminal(report), nl=False)


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
    from workshop.core.exports import ExportError, default_export_path, export_workshop

    url = ctx.obj["db_url"] or default_db_url()
    workshop = _load_for_export(url, workshop_id)
    if workshop.meeting_kind in ("checkin", "quarter_end"):
        _export_meeting(url, workshop_id, fmt, output, page_size)  # issue 17
        return
    path = output or _distinct_export_path(url, workshop, default_export_path(workshop, fmt))
    if fmt == "pdf":
        _freeze_before_layout()
    # The room's record (issue 16) goes into the JSON and beside the CSV.
    room = _room_for_export(url, workshop_id) if fmt in ("json", "csv", "pdf") else None
    # The check-ins and quarter-end reviews on its OKRs (issue 17) go into the JSON.
    quarter = _quarter_for_export(url, workshop_id) if fmt == "json" else None
    links = _links_for_export(url, workshop) if fmt == "json" else None  # issue 18
    try:
        written = export_workshop(
            workshop, fmt, path, page_size=page_size, room=room, quarter=quarter, links=links
        )
    except ExportError as error:
        _fail(str(error))
    _say(str(written))


def _export_meeting(
    url: str, meeting_id: int, fmt: str, output: Path | None, page_size: str
) -> None:
    """A check-in's summary or a quarter-end's scorecard (pdf, md), or the check-ins csv."""
    from workshop.core.exports import ExportError
    from workshop.core.exports.atomic import write_atomic
    from workshop.core.exports.quarter import meeting_file_name, render_meeting
    from workshop.core.paths import exports_dir
    from workshop.core.session.quarter import meeting_files

    store = _open_read_only(url)
    found = None if store is None else meeting_files(store, meeting_id)
    if store is not None:
        store.close()
    if found is None:
        _fail(f"meeting {meeting_id} has no workshop to review any more")
    kind, files = found
    try:
        data = render_meeting(files, kind, fmt, page_size=page_size)
        path = output or exports_dir() / meeting_file_name(files, kind, fmt)
        written = write_atomic(path, data)
    except ExportError as error:
        _fail(str(error))
    _say(str(written))


def _quarter_for_export(url: str, workshop_id: int) -> dict[str, Any] | None:
    """The check-ins and quarter-end reviews held on this workshop (None if none)."""
    from workshop.core.session.quarter import quarter_section

    store = _open_read_only(url)
    if store is None:
        return None
    try:
        return quarter_section(store, workshop_id)
    finally:
        store.close()


def _links_for_export(url: str, workshop: Workshop) -> CompanyLinks | None:
    """The workshop's level and company links, by name (workshop.core.org.links)."""
    from workshop.core.org.links import export_links

    store = _open_read_only(url)
    if store is None:
        return None
    try:
        return export_links(store, workshop)
    finally:
        store.close()


def _room_for_export(url: str, workshop_id: int) -> RoomRecord | None:
    """What participants wrote on their devices for this workshop (None if nothing)."""
    from workshop.core.room.rows import load_record

    store = _open_read_only(url)
    if store is None:
        return None
    try:
        record: RoomRecord = store.read_with(lambda s: load_record(s, workshop_id))
    finally:
        store.close()
    return None if record.empty else record


def _distinct_export_path(url: str, workshop: Workshop, path: Path) -> Path:
    """The default export path, made distinct when another workshop's name gives the same one.

    Two teams whose names reduce to the same file name ("Sales!" and "sales")
    would overwrite each other's exports; each then gets its workshop id added.
    """
    from workshop.core.db.errors import DatabaseError
    from workshop.core.db.summaries import quick_summaries
    from workshop.core.exports.names import distinct_stem

    try:
        summaries = quick_summaries(url)
    except DatabaseError:
        summaries = None
    if summaries is None:
        store = _open_read_only(url)
        summaries = [] if store is None else store.list_workshops()
    others = [(s.id, s.team, s.period) for s in summaries]
    stem = distinct_stem(workshop.id, workshop.team, workshop.period, others)
    if workshop.meeting_kind == "pilot":
        stem = f"{stem}-pilot"  # as exports.default_export_path names a pilot plan's files
    return path.with_name(f"{stem}{path.suffix}")


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


def _load_for_export(url: str, workshop_id: int) -> Workshop:
    """The workshop to export, read without SQLAlchemy when the database is a SQLite file.

    An export only reads, and importing SQLAlchemy would be a third of a PDF
    export's time. Other databases, and a schema to upgrade, go through the Store.
    """
    from workshop.core.db.errors import DatabaseError
    from workshop.core.db.quick_load import WorkshopNotFound, quick_load

    missing = f"there is no workshop {workshop_id}; `okr-workshop list` shows them"
    try:
        workshop = quick_load(url, workshop_id)
    except DatabaseError as error:
        _fail(str(error))
    except WorkshopNotFound:
        _fail(missing)
    if workshop is not None:
        return workshop
    from workshop.core.db.store import NotFound

    store = _open_read_only(url)
    if store is None:
        _fail(missing)
    try:
        return store.load(workshop_id)
    except NotFound:
        _fail(missing)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", help="Team name (a CSV has none; overrides a JSON file's).")
@click.option("--period", help="Period, e.g. 2027-Q1 (overrides a JSON file's).")
@click.option(
    "--company",
    is_flag=True,
    help="The file holds the company's own OKRs: teams' workshops link to them.",
)
@click.pass_context
def import_command(
    ctx: click.Context, file: Path, team: str | None, period: str | None, company: bool
) -> None:
    """Create a workshop from a CSV or JSON file and print its id."""
    from workshop.core.exports import ImportFileError, read_import_all
    from workshop.core.exports.limits import check_workshop
    from workshop.core.org.imports import store_extras

    try:
        imported = read_import_all(file, team=team, period=period)
        workshop = imported.workshop
        # --team and --period come from the command line: the same checks as the file.
        check_workshop(workshop, str(file))
        quarter = _quarter_in(file, workshop)
    except ImportFileError as error:
        _fail(str(error))
    store = _open_store(ctx.obj["db_url"])
    new_id = store.import_workshop(workshop)
    # The room and the company links (what was linked, what could not be, on stderr).
    for line in store_extras(store, new_id, imported):
        click.echo(_one_line(line), err=True)
    if quarter is not None:
        from workshop.core.session.quarter import import_quarter

        import_quarter(store, new_id, quarter)
    if company:
        store.update_workshop(new_id, level="company")
    click.echo(new_id)


def _quarter_in(file: Path, workshop: Workshop) -> QuarterSection | None:
    """The check-ins and quarter-end reviews of a JSON export (issue 17), checked before
    anything is stored; ImportFileError names the first problem in one line."""
    import json

    from workshop.core.exports import ImportFileError
    from workshop.core.okr.errors import OKRInputError
    from workshop.core.okr.meetings import read_quarter

    text = file.read_bytes().decode("utf-8-sig", errors="replace")
    if not text.lstrip().startswith("{"):
        return None  # a CSV: no quarter
    try:
        document = json.loads(text)
        return read_quarter(document, str(file), workshop)
    except OKRInputError as error:
        raise ImportFileError(error.problems[0]) from None
    except (ValueError, RecursionError):
        return None  # read_import has already said what is wrong with the file


@main.command("alignment")
@click.argument("company_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["pdf", "md"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page-size", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.pass_context
def alignment_command(
    ctx: click.Context, company_id: int, fmt: str, output: Path | None, page_size: str
) -> None:
    """Export how the teams' objectives align with a company workshop's OKRs (issue 18)."""
    from workshop.core.db.store import NotFound
    from workshop.core.exports import ExportError
    from workshop.core.exports.names import export_stem
    from workshop.core.org.alignment import align
    from workshop.core.org.export import write
    from workshop.core.org.rows import load_organisation
    from workshop.core.paths import exports_dir

    store = _open_read_only(ctx.obj["db_url"] or default_db_url())
    try:
        if store is None:
            raise NotFound(f"workshop {company_id} does not exist")
        alignment = align(load_organisation(store, company_id))
    except NotFound as error:
        _fail(str(error))
    org = alignment.organisation
    stem = "alignment-" + export_stem(org.name, org.period, company_id)
    try:
        written = write(
            alignment, output or exports_dir() / f"{stem}.{fmt}", fmt, page_size=page_size
        )
    except ExportError as error:
        _fail(str(error))
    _say(str(written))


@main.command("review")
@click.argument("company_id", type=int)
@click.pass_context
def review_command(ctx: click.Context, company_id: int) -> None:
    """Start a bottom-up alignment review on a company workshop; prints the meeting's id."""
    import datetime as dt

    from workshop.core.agenda.kinds import ALIGNMENT_REVIEW
    from workshop.core.agenda.model import AgendaError
    from workshop.core.db.store import NotFound
    from workshop.core.org.rows import companies
    from workshop.core.session.meeting_start import start_meeting

    store = _open_store(ctx.obj["db_url"])
    try:
        choices = companies(store)
        if company_id not in {c.id for c in choices}:
            store.load(company_id)  # NotFound: say that first
            here = ", ".join(f"{c.id} {c.name or '(no name yet)'}" for c in choices)
            store.close()
            _fail(
                f"workshop {company_id} is not a company's workshop: an alignment review is "
                "held on the company's workshop that the teams link to ("
                + (f"here: {here}" if here else "none here yet; `okr-workshop import --company`")
                + ")"
            )
        session = start_meeting(store, ALIGNMENT_REVIEW, company_id, dt.date.today())
    except (NotFound, AgendaError) as error:
        store.close()
        _fail(str(error))
    meeting_id = session.workshop_id
    session.close()
    store.close()
    click.echo(meeting_id)


@main.command("worksheet")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page-size", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
def worksheet_command(output: Path | None, page_size: str) -> None:
    """Write the blank pre-work worksheet PDF."""
    from workshop.core.exports import ExportError, write_worksheet
    from workshop.core.paths import exports_dir

    path = output or exports_dir() / "okr-worksheet.pdf"
    try:
        written = write_worksheet(path, page_size=page_size)
    except ExportError as error:
        _fail(str(error))
    _say(str(written))


def _printable(text: str) -> str:
    """A team name or period for one column of `list`: no control characters, one line."""
    from workshop.core.textsafe import terminal_line

    return terminal_line(text) if text.strip() else ""


def _text_for_terminal(report: str) -> str:
    """The coach's text report with stand-ins for anything that could drive the terminal."""
    from workshop.core.textsafe import terminal_text

    return terminal_text(report)


def _json_for_terminal(report: str) -> str:
    """JSON Lines with every character that could drive the terminal written as \\uXXXX.

    They can only occur inside JSON strings, where the escape means the same character.
    """
    from workshop.core.textsafe import needs_escape

    return "".join(f"\\u{ord(ch):04x}" if needs_escape(ch) else ch for ch in report)


if __name__ == "__main__":  # pragma: no cover
    main()
