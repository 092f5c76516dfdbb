"""The ``cnfiscal`` command line: thin commands that build Options, call the library, map errors to exit codes.

Exit status: 0 success (findings are not failures), 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from cnfiscal.models import DocumentRecord, Status

USER_HELP = (
    "cnfiscal：把预算绩效公开文件（绩效自评表、自评报告、部门决算、部门预算）读成精确、经过核对的结构化数据。"
    " Chinese budget-performance disclosures → exact, checked, structured data.\n\n"
    "读取文本PDF、扫描件（OCR）和复制的文本；每个金额精确到元并注明页码；重算合计、执行率、得分和表间关系，"
    "每处不一致都是一条核查发现（error 错误 / warning 警告 / info 印刷精度）。"
    " Every amount exact to the yuan with its page; every recomputed mismatch a finding."
)
EPILOG = (
    "示例 examples:  cnfiscal extract 自评表.pdf  ·  cnfiscal ingest 文件夹/ --db corpus.duckdb  ·  "
    "cnfiscal report --db corpus.duckdb -o report --xlsx findings.xlsx  ·  "
    "cnfiscal review --import findings.xlsx --db corpus.duckdb  ·  "
    "cnfiscal export --db corpus.duckdb --format xlsx -o 全部.xlsx  ·  "
    "cnfiscal watch 来源.toml --db corpus.duckdb --digest 日报/\n\n"
    "退出码 exit status: 0 成功 success (findings are results, not failures) · "
    "1 有文件读取失败 some inputs failed (each recorded with its reason) · 2 用法错误 usage error."
)

app = typer.Typer(add_completion=False, no_args_is_help=True, help=USER_HELP, epilog=EPILOG)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="输出进度和数据警告 log progress and data warnings")
    ] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="PDF or text files")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="output file (default: stdout)")] = None,
    ocr: Annotated[str, typer.Option(help="auto|always|never")] = "auto",
    lang: Annotated[str, typer.Option("--lang", help="核查发现的语言 zh|en (findings' messages)")] = "zh",
) -> None:
    """读取文件，输出结构化记录和核查发现 — one record per input (JSON; JSON Lines for several)."""
    from cnfiscal.options import Options
    from cnfiscal.pipeline import process
    from cnfiscal.vocab.messages import LANGS, localized

    if ocr not in ("auto", "always", "never"):
        raise typer.BadParameter("--ocr must be auto, always or never")
    if lang not in LANGS:
        raise typer.BadParameter("--lang must be zh or en")
    options = Options.model_validate({"ocr": ocr})
    records = [localized(process(p, options), lang) for p in paths]
    for r in records:
        if r.status is Status.FAILED:
            typer.echo(f"{r.source.path}: failed: {r.errors[0].reason if r.errors else 'unknown'}", err=True)
    ok = [r for r in records if r.status is not Status.FAILED]
    text = render_records(ok, single=len(paths) == 1)
    if out is None:
        typer.echo(text, nl=False)
    elif ok:
        write_atomic(out, text)
    raise typer.Exit(EXIT_FAILED if len(ok) < len(records) else EXIT_OK)


@app.command()
def ingest(  # noqa: PLR0917 (typer: one parameter per option)
    paths: Annotated[list[Path], typer.Argument(help="folders and files (PDF, text)")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file (created if missing)")],
    workers: Annotated[int | None, typer.Option(min=0, help="worker processes (default: cores; 0: in-process)")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, tcp://host:port")] = None,
    timeout: Annotated[float, typer.Option(min=0, help="seconds per document (0: none)")] = 300.0,
    memory_mb: Annotated[int, typer.Option(min=0, help="address-space limit per worker, MB (0: none)")] = 3072,
    max_pages: Annotated[int, typer.Option(min=0, help="refuse PDFs with more pages (0: no limit)")] = 1000,
    retry_failed: Annotated[bool, typer.Option(help="process again the files that failed before")] = False,
) -> None:
    """批量、增量入库 (DuckDB)：已读过的文件跳过 — bulk, incremental ingest; known files are skipped."""
    from cnfiscal.corpus.ingest import IngestConfig
    from cnfiscal.corpus.ingest import ingest as run_ingest
    from cnfiscal.corpus.task import Limits
    from cnfiscal.errors import CorpusError
    from cnfiscal.options import Options

    logging.getLogger("cnfiscal.corpus.progress").setLevel(logging.INFO)
    limits = Limits(seconds=timeout, memory_mb=memory_mb, max_pages=max_pages)
    n = (os.cpu_count() or 1) if workers is None else workers
    options = Options(max_pages=max_pages or 1_000_000)
    config = IngestConfig(n, scheduler, options=options, limits=limits, retry_failed=retry_failed)
    try:
        summary = run_ingest(paths, db, config)
    except CorpusError as e:
        typer.echo(f"ingest: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(summary.render(), err=True)
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_FAILED)


@app.command("export")
def export_cmd(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file written by ingest")],
    fmt: Annotated[str, typer.Option("--format", help="parquet|csv|xlsx|jsonl")],
    out: Annotated[Path, typer.Option("-o", "--out", help="folder (parquet, csv, jsonl) or .xlsx file")],
) -> None:
    """导出数据库的全部表 — every table as Parquet, CSV (Excel-ready), JSON Lines or one xlsx workbook."""
    from cnfiscal.corpus.export import ExportFormat, export
    from cnfiscal.errors import CorpusError

    if fmt not in {f.value for f in ExportFormat}:
        raise typer.BadParameter("--format must be parquet, csv, xlsx or jsonl")
    try:
        written = export(db, fmt, out)
    except CorpusError as e:
        typer.echo(f"export: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(f"{len(written)} file(s) written to {out}", err=True)


@app.command()
def report(
    paths: Annotated[list[Path] | None, typer.Argument(help="PDF or text files, or folders (no database)")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB file written by ingest")] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="report folder: index.html, doc/, charts/")] = Path("report"),
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="also write the auditor's workbook here")] = None,
    lang: Annotated[str, typer.Option("--lang", help="报告语言 zh|en (report language)")] = "zh",
) -> None:
    """生成审核报告 (离线 HTML) 和核查工作簿 — the HTML audit report and, with --xlsx, the auditor's workbook."""
    from cnfiscal.errors import CorpusError
    from cnfiscal.report.build import report_from_db, report_from_files
    from cnfiscal.vocab.messages import LANGS

    if (db is None) == (not paths):
        raise typer.BadParameter("give either --db DB or one or more files")
    if lang not in LANGS:
        raise typer.BadParameter("--lang must be zh or en")
    try:
        if db is not None:
            result = report_from_db(db, out, xlsx, lang=lang)
        else:
            result = report_from_files(paths or [], out, xlsx, lang=lang)[0]
    except CorpusError as e:
        typer.echo(f"report: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(f"{result.index} ({result.documents} documents, {result.failed} failed)", err=True)
    raise typer.Exit(EXIT_FAILED if db is None and result.failed else EXIT_OK)


@app.command("review")
def review_cmd(  # noqa: PLR0917 (typer: one parameter per option)
    db: Annotated[Path, typer.Option("--db", help="DuckDB file written by ingest")],
    finding_id: Annotated[str | None, typer.Argument(help="finding_id（报告和工作簿中可见）")] = None,
    import_file: Annotated[
        Path | None, typer.Option("--import", help="工作簿 findings 表的 decision/note 列 (cnfiscal report --xlsx)")
    ] = None,
    confirm: Annotated[str | None, typer.Option("--confirm", help="确认，附说明 confirm, with a note")] = None,
    dismiss: Annotated[str | None, typer.Option("--dismiss", help="驳回，附说明 dismiss, with a note")] = None,
    pending: Annotated[str | None, typer.Option("--pending", help="待定，附说明 pending, with a note")] = None,
    who: Annotated[str | None, typer.Option("--who", help="审核人 (default: the login name)")] = None,
) -> None:
    """记录审核决定：确认 / 驳回 / 待定 — record review decisions (from the workbook, or one finding)."""
    from cnfiscal.corpus.review_import import import_workbook
    from cnfiscal.corpus.reviews import Decision, record_decision
    from cnfiscal.corpus.store import connect
    from cnfiscal.errors import CorpusError

    given = {
        d: n
        for d, n in ((Decision.CONFIRMED, confirm), (Decision.DISMISSED, dismiss), (Decision.PENDING, pending))
        if n is not None
    }
    if (import_file is None) == (finding_id is None) or (finding_id is not None and len(given) != 1):
        raise typer.BadParameter("give --import FILE.xlsx, or a finding_id with one of --confirm/--dismiss/--pending")
    try:
        con = connect(db)
        try:
            if import_file is not None:
                summary = import_workbook(con, import_file, who)
                typer.echo(summary.render(), err=True)
                raise typer.Exit(EXIT_FAILED if summary.problems else EXIT_OK)
            ((decision, note),) = given.items()
            done = record_decision(con, finding_id or "", decision, note, who)
        finally:
            con.close()
    except CorpusError as e:
        typer.echo(f"review: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(f"{done.finding_id}: {done.decision.value} ({done.who}, {done.when:%Y-%m-%d %H:%M})", err=True)


@app.command()
def watch(  # noqa: PLR0917 (typer: one parameter per option)
    sources: Annotated[list[str], typer.Argument(help="列表页网址、文件网址或 .toml listing/file URL or TOML")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file (created if missing)")],
    digest: Annotated[Path | None, typer.Option("--digest", help="日报目录 digest folder: latest.json/.md")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="下载文件目录 (default: <db>.files/)")] = None,
    workers: Annotated[int | None, typer.Option(min=0, help="worker processes (default: cores; 0: in-process)")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, tcp://host:port")] = None,
    timeout: Annotated[float, typer.Option(min=0, help="seconds per document (0: none)")] = 300.0,
    http_timeout: Annotated[float, typer.Option(min=0.01, help="HTTP timeout, seconds")] = 30.0,
    attempts: Annotated[int, typer.Option(min=1, help="tries per URL on timeouts and 5xx")] = 3,
    interval: Annotated[float, typer.Option(min=0, help="seconds between requests to one host")] = 1.0,
    per_host: Annotated[int, typer.Option(min=1, help="requests at once to one host")] = 2,
    max_mb: Annotated[float, typer.Option(min=0, help="size limit of one file, MB (0: none)")] = 200.0,
    max_pages: Annotated[int, typer.Option(min=1, help="pages fetched per run at most")] = 500,
    retry_failed: Annotated[bool, typer.Option(help="process again the files that failed before")] = False,
) -> None:
    """监视公开栏目：抓取新文件、入库、写日报 — nightly: fetch what is new, ingest it, write the digest."""
    from cnfiscal.corpus.ingest import IngestConfig
    from cnfiscal.corpus.task import Limits
    from cnfiscal.corpus.watch import WatchConfig
    from cnfiscal.corpus.watch import watch as run_watch
    from cnfiscal.corpus.watch.fetch import HttpConfig
    from cnfiscal.corpus.watch.sources import parse_sources
    from cnfiscal.errors import CorpusError, SourceError

    try:
        parsed = parse_sources(sources)
    except SourceError as e:
        raise typer.BadParameter(str(e)) from e
    for name in ("cnfiscal.corpus.progress", "cnfiscal.corpus.watch.crawl"):
        logging.getLogger(name).setLevel(logging.INFO)
    http = HttpConfig(http_timeout, attempts, max_bytes=int(max_mb * 1024 * 1024), per_host=per_host, interval=interval)
    n = (os.cpu_count() or 1) if workers is None else workers
    ingest_config = IngestConfig(n, scheduler, limits=Limits(seconds=timeout), retry_failed=retry_failed)
    config = WatchConfig(http, ingest_config, store=store, digest=digest, max_pages=max_pages)
    try:
        summary = run_watch(parsed, db, config)
    except CorpusError as e:
        typer.echo(f"watch: {e}", err=True)
        raise typer.Exit(EXIT_FAILED) from e
    typer.echo(summary.render(), err=True)
    raise typer.Exit(EXIT_OK if summary.ok else EXIT_FAILED)


def render_records(records: list[DocumentRecord], single: bool) -> str:
    if not records:
        return ""
    if single:
        return records[0].model_dump_json(indent=2) + "\n"
    return "".join(r.model_dump_json() + "\n" for r in records)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees a half-written output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run() -> None:
    """Console-script entry: typer's usage errors exit 2, as SPEC.md says."""
    app()


if __name__ == "__main__":
    run()
