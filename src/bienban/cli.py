"""The command line: each command parses options, calls one library function and renders what it returns."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

import click

from .messages import MESSAGES, label_name, resolve_lang, t
from .output import FORMATS, render, review_rows, to_json

LANG_KEY = "bienban.lang"


def _lang(ctx: click.Context | None = None) -> str:
    ctx = ctx or click.get_current_context(silent=True)
    return resolve_lang(ctx.meta.get(LANG_KEY) if ctx else None)


def _tr(text: str | None, ctx: click.Context | None = None) -> str | None:
    return t(text, _lang(ctx)) if text in MESSAGES else text


class LocalOption(click.Option):
    """An option whose help is a message key, shown in the user's language."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        saved, self.help = self.help, _tr(self.help, ctx)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = saved


class LocalCommand(click.Command):
    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        saved, self.help = self.help, _tr(self.help, ctx)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = saved

    def get_short_help_str(self, limit: int = 45) -> str:
        saved, self.help = self.help, _tr(self.help)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = saved

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "opt.help"
            option.__class__ = LocalOption
        return option


class LocalGroup(LocalCommand, click.Group):
    command_class = LocalCommand


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta[LANG_KEY] = value
    return value


def lang_option(f: Any) -> Any:
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set_lang,
        cls=LocalOption,
        help="opt.lang",
    )(f)


def _cannot_write(exc: OSError, path: str | None) -> Exception:
    from .errors import InputError

    where = exc.filename or path or "-"
    return InputError("err.cannot_write", file=str(where), reason=exc.strerror or type(exc).__name__)


def _fail(ctx: click.Context, exc: Exception) -> None:
    from .errors import BienbanError

    if isinstance(exc, BienbanError):
        click.echo(f"bienban: {exc.text(_lang(ctx))}", err=True)
    else:
        click.echo(f"bienban: {type(exc).__name__}: {exc} (--debug)", err=True)
    ctx.exit(1)


@click.group(cls=LocalGroup, help="cli.help", context_settings={"help_option_names": ["-h", "--help"]})
@lang_option
@click.version_option(package_name="bienban")
def cli() -> None:
    pass


class ProgressLine:
    """Files done, rate and time left on stderr, only on a terminal; cleared before any output line."""

    def __init__(self, total: int, stream: IO[str], enabled: bool, lang: str) -> None:
        self.total, self.stream, self.enabled, self.lang = total, stream, enabled and total > 1, lang
        self.done, self.start = 0, time.monotonic()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        width = 24
        filled = int(width * self.done / self.total)
        unit = "files/s" if self.lang == "en" else "tệp/s"
        eta = "left" if self.lang == "en" else "còn"
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}  {rate:.1f} {unit}  "
            f"{eta} {int(left // 60)}:{int(left % 60):02d}"
        )
        self.stream.flush()


def _default_format(output: str | None) -> str:
    if output:
        suffix = Path(output).suffix.lower().lstrip(".")
        return suffix if suffix in FORMATS else "jsonl"
    return "table" if sys.stdout.isatty() else "jsonl"


@cli.command(cls=LocalCommand, help="tag.help")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None, cls=LocalOption, help="opt.format")
@click.option("--segments", is_flag=True, cls=LocalOption, help="opt.segments")
@click.option("--bom", is_flag=True, cls=LocalOption, help="opt.bom")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.output")
@click.option("--model", "-m", type=click.Path(), default=None, cls=LocalOption, help="opt.model")
@click.option("--explain", is_flag=True, cls=LocalOption, help="opt.explain")
@click.option("--policy", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.policy")
@click.option("--meta", "meta_csv", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.meta")
@click.option("--by", default=None, metavar="cell,quarter", cls=LocalOption, help="opt.by")
@click.option("--review-out", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.review_out")
@click.option(
    "--review-below",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    cls=LocalOption,
    help="opt.review_below",
)
@click.option("--progress/--no-progress", default=None, cls=LocalOption, help="opt.progress")
@click.option(
    "--max-size",
    type=click.FloatRange(0, min_open=True),
    default=20,
    show_default=True,
    cls=LocalOption,
    help="opt.max_size",
)
@click.option(
    "--max-docx-size",
    type=click.FloatRange(0, min_open=True),
    default=200,
    show_default=True,
    cls=LocalOption,
    help="opt.max_docx_size",
)
@click.option(
    "--max-pages", type=click.IntRange(1), default=500, show_default=True, cls=LocalOption, help="opt.max_pages"
)
@click.option(
    "--workers", "-j", type=click.IntRange(1), default=1, show_default=True, cls=LocalOption, help="opt.workers"
)
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", cls=LocalOption, help="opt.scheduler")
@click.option(
    "--scheduler-timeout",
    type=click.FloatRange(0, min_open=True),
    default=10,
    show_default=True,
    cls=LocalOption,
    help="opt.scheduler_timeout",
)
@click.option("--resume", is_flag=True, cls=LocalOption, help="opt.resume")
@click.option("--debug", is_flag=True, cls=LocalOption, help="opt.debug")
@lang_option
@click.pass_context
def tag(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str | None,
    segments: bool,
    bom: bool,
    output: str | None,
    model: str | None,
    explain: bool,
    policy: str | None,
    meta_csv: str | None,
    by: str | None,
    review_out: str | None,
    review_below: float,
    progress: bool | None,
    max_size: float,
    max_docx_size: float,
    max_pages: int,
    workers: int,
    scheduler: str | None,
    scheduler_timeout: float,
    resume: bool,
    debug: bool,
) -> None:
    from .atomic import atomic_open
    from .distribute import completed, tag_parallel
    from .errors import BienbanError
    from .meta import load_meta_csv
    from .periods import parse_by, render_summary, summarise
    from .policy import load_policy
    from .read import MB, ReadLimits, iter_inputs

    lang = _lang(ctx)
    fmt = fmt or _default_format(output)
    if bom and fmt != "csv":
        raise click.UsageError(t("err.bom_csv", lang), ctx)
    if workers > 1 and scheduler:
        raise click.UsageError(t("err.workers_scheduler", lang), ctx)
    if resume and (not output or fmt != "jsonl" or by):
        raise click.UsageError(t("err.resume_jsonl", lang), ctx)
    if resume and review_out:  # the review file would hold only the files tagged this time
        raise click.UsageError(t("err.resume_review", lang), ctx)
    try:
        keys = parse_by(by) if by else ()
        meta_table = load_meta_csv(meta_csv) if meta_csv else None
        settings: dict[str, Any] = {
            "policy": load_policy(policy),
            "explain": explain,
            "review_below": review_below,
            "meta": meta_table,
        }
        # the reading limits, which Tagger.tag_file passes to read_path
        limits = ReadLimits(round(max_size * MB), round(max_docx_size * MB), max_pages)
        parallel: dict[str, Any] | None = None
        if workers > 1 or scheduler:  # each worker builds its own Tagger from these settings
            parallel = {"workers": workers, "scheduler": scheduler, "connect_timeout": scheduler_timeout}
            parallel.update(model=model, limits=limits, **settings)
        else:
            from .tagger import Tagger  # not in the parent of workers: it would only slow their start

            tagger = Tagger(model, limits=limits, **settings)
        inputs = list(iter_inputs(paths))
    except Exception as exc:
        if debug:
            raise
        _fail(ctx, exc)
        return
    if resume:  # files whose results are already in the output are not tagged again
        try:
            done = {file for file, _ in completed(output)}  # type: ignore[arg-type]
        except BienbanError as exc:
            _fail(ctx, exc)
            return
        inputs, skipped = [p for p in inputs if str(p) not in done], len(inputs)
        click.echo(t("w.resume", lang, done=skipped - len(inputs), path=output, todo=len(inputs)), err=True)
    show = sys.stderr.isatty() if progress is None else progress
    bar = ProgressLine(len(inputs), sys.stderr, show, lang)
    failed = 0

    def results() -> Iterator[Any]:
        nonlocal failed
        found = tag_parallel(inputs, **parallel) if parallel else map(tagger.safe_tag_file, inputs)
        for result in found:
            bar.clear()
            if result.error:
                failed += 1
                click.echo(f"bienban: {result.error_en if lang == 'en' else result.error}", err=True)
            elif review is not None:
                for row in review_rows(result):
                    review.write(to_json(row) + "\n")
            yield result
            bar.step()

    saved, interrupted = 0, False
    try:
        with (
            atomic_open(review_out) if review_out else nullcontext(None) as review,
            atomic_open(output) if output else nullcontext(sys.stdout) as out,
        ):
            if bom:
                out.write("\ufeff")
            if resume:  # the earlier results first, copied whole line by line
                for _, line in completed(output):  # type: ignore[arg-type]
                    out.write(line)
                    saved += 1
            # --by: the summary by cell and period instead of the documents (they are all read first)
            chunks = (
                render_summary(summarise(results(), keys, settings["policy"]), fmt, lang)
                if keys
                else render(results(), fmt, lang, segments=segments)
            )
            whole = out.tell() if resume else 0
            try:
                for chunk in chunks:
                    bar.clear()
                    out.write(chunk)
                    out.flush()
                    if resume:
                        whole, saved = out.tell(), saved + 1
            except KeyboardInterrupt:
                if not resume:
                    raise
                out.truncate(whole)  # with --resume, Ctrl-C keeps every whole line written so far
                interrupted = True
    except BienbanError as exc:  # from a worker or the cluster: nothing was written
        if debug:
            raise
        bar.clear()
        _fail(ctx, exc)
        return
    except OSError as exc:  # an output that cannot be written: a folder that is a file, no permission, disk full
        if debug:
            raise
        bar.clear()
        _fail(ctx, _cannot_write(exc, output or review_out))
        return
    bar.clear()
    if interrupted:
        click.echo(t("w.interrupted", lang, done=saved, path=output), err=True)
        ctx.exit(130)
    if output:
        click.echo(t("w.wrote", lang, path=output), err=True)
    if review_out:
        click.echo(t("w.wrote", lang, path=review_out), err=True)
    if failed:
        if len(inputs) > 1:
            click.echo(t("w.summary", lang, ok=len(inputs) - failed, failed=failed), err=True)
        ctx.exit(1)


@cli.command(cls=LocalCommand, help="report.help")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.report_output"
)
@click.option("--model", "-m", type=click.Path(), default=None, cls=LocalOption, help="opt.model")
@click.option("--explain/--no-explain", default=True, cls=LocalOption, help="opt.report_explain")
@click.option("--policy", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.policy")
@click.option("--meta", "meta_csv", type=click.Path(dir_okay=False), default=None, cls=LocalOption, help="opt.meta")
@click.option("--progress/--no-progress", default=None, cls=LocalOption, help="opt.progress")
@click.option("--debug", is_flag=True, cls=LocalOption, help="opt.debug")
@lang_option
@click.pass_context
def report(
    ctx: click.Context,
    paths: tuple[str, ...],
    output: str | None,
    model: str | None,
    explain: bool,
    policy: str | None,
    meta_csv: str | None,
    progress: bool | None,
    debug: bool,
) -> None:
    from .atomic import atomic_open
    from .meta import load_meta_csv
    from .policy import load_policy
    from .read import iter_inputs
    from .report import render_html
    from .tagger import Tagger

    lang = _lang(ctx)
    try:
        meta_table = load_meta_csv(meta_csv) if meta_csv else None
        tagger = Tagger(model, load_policy(policy), explain=explain, meta=meta_table)
        inputs = list(iter_inputs(paths))
    except Exception as exc:
        if debug:
            raise
        _fail(ctx, exc)
        return
    bar = ProgressLine(len(inputs), sys.stderr, sys.stderr.isatty() if progress is None else progress, lang)
    results = []
    for path in inputs:
        result = tagger.safe_tag_file(path)
        bar.clear()
        if result.error:
            click.echo(f"bienban: {result.error_en if lang == 'en' else result.error}", err=True)
        results.append(result)
        bar.step()
    bar.clear()
    page = render_html(results, lang=lang, periods=_period_rows(results, tagger.policy))
    try:
        with atomic_open(output) if output else nullcontext(sys.stdout) as out:
            out.write(page)
    except OSError as exc:
        if debug:
            raise
        _fail(ctx, _cannot_write(exc, output))
        return
    if output:
        click.echo(t("w.wrote", lang, path=output), err=True)
    failed = sum(not r.ok for r in results)
    if failed:
        if len(inputs) > 1:
            click.echo(t("w.summary", lang, ok=len(inputs) - failed, failed=failed), err=True)
        ctx.exit(1)


def _period_rows(results: list[Any], policy: Any) -> list[dict[str, Any]] | None:
    """Cells and quarters for the report, when dated documents and ``bienban.periods`` (written alongside) exist."""
    from importlib import import_module

    dated = [r for r in results if r.ok and r.meta.get("date")]
    if not dated:
        return None
    try:
        periods = import_module(f"{__package__}.periods")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.periods":
            raise
        return None
    rows: list[dict[str, Any]] = periods.summarise(dated, by=("cell", "quarter"), policy=policy)
    return rows


@cli.command(cls=LocalCommand, help="train.help")
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output", "-o", required=True, type=click.Path(), cls=LocalOption, help="opt.train_output")
@click.option("--seed", type=int, default=0, show_default=True, cls=LocalOption, help="opt.seed")
@click.option("--folds", type=int, default=5, show_default=True, cls=LocalOption, help="opt.cv")
@click.option("--debug", is_flag=True, cls=LocalOption, help="opt.debug")
@lang_option
@click.pass_context
def train(ctx: click.Context, data: tuple[str, ...], output: str, seed: int, folds: int, debug: bool) -> None:
    from .baselines import BASELINES
    from .training import train as train_model

    show = sys.stderr.isatty()
    total = (folds if folds >= 2 else 0) + 1 + len(BASELINES)
    start = time.monotonic()
    done = 0

    def progress(step: str) -> None:
        """One bar redrawn in place on a terminal; one line a step in logs."""
        nonlocal done
        done = min(done + 1, total)
        elapsed = int(time.monotonic() - start)
        if show:
            filled = 24 * (done - 1) // total
            sys.stderr.write(f"\r\033[K[{'#' * filled}{'.' * (24 - filled)}] {done}/{total} {step}  {elapsed} s")
            sys.stderr.flush()
        else:
            click.echo(f"… [{done}/{total}] {step}", err=True)

    try:
        result = train_model(list(data), output, seed=seed, folds=folds, progress=progress)
    except Exception as exc:
        if debug:
            raise
        _fail(ctx, exc)
        return
    if show:
        sys.stderr.write("\r\033[K")
    lang = _lang(ctx)
    if result["cv"]:
        click.echo(t("w.cv", lang, folds=result["cv"]["folds"]))
        click.echo(scores_table(result["cv"], lang))
        click.echo(t("w.ece", lang, ece=result["cv"]["ece"]))
    if result["test"]:
        click.echo(t("w.test", lang))
        click.echo(scores_table(result["test"], lang))
        click.echo(t("w.ece", lang, ece=result["test"]["ece"]))
    if result["baselines"]:
        rows = [(t(f"w.baseline.{name}", lang), s) for name, s in result["baselines"].items()]
        rows.append((t("w.this_model", lang), result["test"]))
        width = max(len(name) for name, _ in rows)
        click.echo(t("w.baselines", lang))
        for name, s in rows:
            parts = "  ".join(f"{t(f'w.part.{p}', lang)} {v['macro_f1']:.3f}" for p, v in s.get("parts", {}).items())
            accuracy = f"{t('w.accuracy', lang)} {s['accuracy']:.3f}"
            click.echo(f"{name:<{width}}  macro-F1 {s['macro_f1']:.3f}  {accuracy}  {parts}")
    if result["cv"] and result["test"]:
        click.echo(t("w.gap", lang, gap=result["cv"]["macro_f1"] - result["test"]["macro_f1"]))
    click.echo(t("w.wrote", lang, path=result["model_file"]))


@cli.command(cls=LocalCommand, help="evaluate.help")
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--model", "-m", type=click.Path(), default=None, cls=LocalOption, help="opt.model")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", cls=LocalOption, help="opt.format"
)
@click.option("--debug", is_flag=True, cls=LocalOption, help="opt.debug")
@lang_option
@click.pass_context
def evaluate(ctx: click.Context, data: tuple[str, ...], model: str | None, fmt: str, debug: bool) -> None:
    from .training import evaluate as evaluate_model

    try:
        result = evaluate_model(list(data), model)
    except Exception as exc:
        if debug:
            raise
        _fail(ctx, exc)
        return
    if fmt == "json":
        click.echo(to_json(result, indent=2))
        return
    lang = _lang(ctx)
    click.echo(f"{t('w.model', lang)}: {result['model']}")
    click.echo(scores_table(result, lang))
    click.echo(t("w.ece", lang, ece=result["ece"]))
    if "documents" in result:
        d = result["documents"]
        na = t("w.na", lang)
        click.echo(
            t(
                "w.documents",
                lang,
                n=d["n"],
                mae=f"{d['share_mae']:.3f}",
                corrected="-" if d["share_mae_corrected"] is None else f"{d['share_mae_corrected']:.3f}",
                coverage=na if d["interval_coverage"] is None else f"{d['interval_coverage']:.1%}",
                agreement=f"{d['professional_dominant_agreement']:.1%}",
                sure=d["professional_dominant_sure"],
                sure_agreement=na
                if d["professional_dominant_agreement_when_sure"] is None
                else f"{d['professional_dominant_agreement_when_sure']:.1%}",
                recall=f"{d['boundary_recall']:.3f}",
                syllables=f"{d['syllable_agreement']:.3f}",
            )
        )


@cli.command(cls=LocalCommand, help="info.help")
@click.option("--model", "-m", type=click.Path(), default=None, cls=LocalOption, help="opt.model")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", cls=LocalOption, help="opt.format"
)
@lang_option
@click.pass_context
def info(ctx: click.Context, model: str | None, fmt: str) -> None:
    from .model import model_paths, read_card, resolve_model_path

    path = resolve_model_path(model)
    try:
        card = read_card(path)
    except Exception as exc:
        _fail(ctx, exc)
        return
    if fmt == "json":
        click.echo(to_json({"path": str(model_paths(path)[0]), **card}, indent=2))
        return
    lang = _lang(ctx)
    rows = [
        (t("w.model", lang), f"{card.get('name')}-{card.get('version')}  ({model_paths(path)[0]})"),
        (t("i.created", lang), card.get("created", "")),
        (t("i.labels", lang), ", ".join(card.get("labels", []))),
        (t("i.split", lang), t("i.segments", lang, train=card.get("n_train"), test=card.get("n_test"))),
        (t("i.data", lang), card.get("data_sha256", "")),
        (t("i.model_sha", lang), card.get("sha256", "")),
        (t("i.arrays_sha", lang), card.get("arrays_sha256", "") or t("w.na", lang)),
        (t("i.versions", lang), ", ".join(f"{k} {v}" for k, v in card.get("versions", {}).items())),
    ]
    for name in ("cv", "test"):
        if card.get(name):
            score = card[name]
            ece = f", ECE {score['ece']:.3f}" if "ece" in score else ""
            rows.append((t(f"i.{name}", lang), f"macro-F1 {score['macro_f1']:.3f} (n={score['n']}){ece}"))
    width = max(len(r[0]) for r in rows)
    for key, value in rows:
        click.echo(f"{key.ljust(width)}  {value}")


@cli.group(cls=LocalGroup, help="data.help")
def data() -> None:
    pass


@data.command(cls=LocalCommand, help="check.help")
@click.argument("root", default="data", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", cls=LocalOption, help="opt.format"
)
@lang_option
@click.pass_context
def check(ctx: click.Context, root: str, fmt: str) -> None:
    from .datacheck import check_corpus

    report = check_corpus(root)
    if fmt == "json":
        click.echo(to_json(report, indent=2))
    else:
        stats = report["stats"]
        docs = stats["documents"]
        lang = _lang(ctx)
        labels = ", ".join(f"{k} {v}" for k, v in stats["labels"].items())
        click.echo(t("c.segments", lang, n=stats["segments"], labels=labels))
        click.echo(
            t(
                "c.variety",
                lang,
                cells=len(stats["cells"]),
                registers=len(stats["registers"]),
                borderline=stats["borderline"],
                near=f"{stats['near_duplicate_rate']:.3f}",
            )
        )
        click.echo(
            t(
                "c.minutes",
                lang,
                n=docs["count"],
                above=docs["professional_above_0.5"],
                near=docs["professional_0.4_to_0.6"],
            )
        )
        for line in report["warnings"]:
            click.echo(f"{t('c.warning', lang)}: {line}", err=True)
        for line in report["errors"]:
            click.echo(f"{t('c.error', lang)}: {line}", err=True)
    if report["errors"]:
        ctx.exit(1)


def scores_table(result: dict[str, Any], lang: str) -> str:
    head = [t("h.label", lang), t("h.precision", lang), t("h.recall", lang), "F1", t("h.support", lang)]
    rows = [
        [label_name(lab, lang), f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["support"])]
        for lab, v in result["per_label"].items()
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(
        f"{t('w.macro_f1', lang)}: {result['macro_f1']:.3f}   {t('w.accuracy', lang)}: {result['accuracy']:.3f}"
    )
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="bienban")


if __name__ == "__main__":  # pragma: no cover
    main()
