"""Find, classify, read and file away the inputs of one build.

Inputs come from these places, read in this order:
1. `seeds/` — shipped with the project (a broken seed is a bug: the run fails loudly);
2. `<inbox>/processed/` — files of earlier builds, re-read so every build is complete;
3. `<inbox>/` — new files. A file the loader cannot read as a whole is moved to
   `<inbox>/rejected/` with `<name>.reason.txt`; readable ones move to `processed/` after the
   build that includes them is published;
4. `<inbox>/rejected/` and `<inbox>/retracted/` — listed with their reason, never read.
Policy documents go in `<inbox>/policies/` (plain text: read for targets and actuals); `.txt`
files in the inbox itself are reports (bulletins, progress reports, work reports: read for their
actuals).

Every entry of the inbox ends in exactly one state, with a reason where it is not plainly loaded:
`accepted`, `duplicate` (same sha256 as a file already read: adds nothing), `superseded` (a newer
file of the same name replaces it; its rows stay as history), `rejected`, `retracted`, or
`skipped` (hidden files and Excel lock files, left where they are). Symlinks are never followed
and folders inside the inbox are not read: both are rejected with a reason.

Same-named files never collide: a file whose name is already in `processed/` is a new version,
kept as `<stem>~v<N><suffix>` (its display name, stable from its first build on).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from . import reasons
from ..office import form_layout
from .contracts import (FIGURE_COLUMNS, FIRM_MONTH_COLUMNS, FIRM_REGISTER_COLUMNS, FORM_REPORT_COLUMNS,
                        PROGRESS_COLUMNS, TECH_PROJECT_COLUMNS)
from .parsed_cache import ParsedCache
from .readers import TABLE_SUFFIXES, FileRejected, read_table, read_text

# the firm-level tables (office-only; they load into the firm-level database, not the warehouse)
FIRM_KINDS = ("firm_register", "firm_months", "tech_projects")
TABLE_KINDS = ("figures", "progress") + FIRM_KINDS
KINDS = TABLE_KINDS + ("bulletin_text", "policy_text")
STATUSES = ("accepted", "duplicate", "superseded", "rejected", "retracted", "skipped")
FOLDERS = ("processed", "rejected", "retracted", "policies")  # the inbox's own folders
REASON_SUFFIX = ".reason.txt"
_MAX_NAME_BYTES = 255 - len(REASON_SUFFIX.encode())  # so `<name>.reason.txt` always fits
_VERSION = re.compile(r"^(?P<stem>.+)~v(?P<n>\d+)(?P<suffix>\.[^.]*)?$")


@dataclass
class InputFile:
    path: Path
    location: str  # where the file sits now: seeds | processed | inbox (new) | rejected | retracted
    name: str = ""  # "seeds/..." or "inbox/...": how the file is shown and stored
    kind: str = ""
    sha256: str = ""
    status: str = "accepted"  # one of STATUSES
    reason: str = ""
    note: str = ""
    row_count: int = 0  # data rows of a table (blank ones apart)
    rows_file: Path | None = None  # the table's rows as read, in the parsed cache (Parquet)
    rows_blank: int = 0
    text: str = ""
    destination: Path | None = None  # where processed/ will keep a new inbox file (its name says so)
    supersedes: str = ""  # display name of the earlier version this file replaces
    superseded_by: str = ""
    entry: str = ""  # where the entry sits now, relative to the inbox (empty for seeds)

    @property
    def display_path(self) -> str:
        return self.name or self.path.name

    @property
    def origin(self) -> str:
        """The channel the file came through (seed or inbox); stable when it moves to processed/."""
        return "seed" if self.location == "seeds" else "inbox"

    @property
    def in_policies(self) -> bool:
        return self.kind == "policy_text" or self.path.parent.name == "policies"

    @property
    def lineage(self) -> tuple[str, str]:
        """Files with the same lineage are versions of one file (policies apart from tables)."""
        base, _ = version_of(self.path.name)
        return ("policies" if self.in_policies else "", base)


def version_of(name: str) -> tuple[str, int]:
    """`x~v3.csv` -> (`x.csv`, 3); `x.csv` -> (`x.csv`, 1)."""
    match = _VERSION.match(name)
    if not match:
        return name, 1
    return match["stem"] + (match["suffix"] or ""), int(match["n"])


def sha256_of(path: Path) -> str:
    if path.is_symlink() or not path.is_file():  # never read through a link; folders have no content
        return hashlib.sha256(f"{path.name}|{_link_target(path)}".encode("utf-8", "replace")).hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink()) if path.is_symlink() else ""
    except OSError:
        return ""


def classify(path: Path, *, policy_folder: bool = False) -> str:
    """Text by its folder; a table's kind (figures or progress) is decided by its header."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return "policy_text" if policy_folder else "bulletin_text"
    if suffix in TABLE_SUFFIXES:
        return "table"
    raise FileRejected(reasons.unsupported_type(path.name, suffix))


def load(file: InputFile, cache: ParsedCache) -> None:
    """Read the file's content into `file`, or mark it rejected with the reason.

    A table is parsed once: its rows go to the parsed cache (by content hash) and later builds
    take them from there. Any exception raised while reading one file rejects that file only: a
    single input never fails the run (seeds excepted, see `collect`)."""
    try:
        file.kind = file.kind or classify(file.path, policy_folder=file.path.parent.name == "policies")
        known = cache.get(file.sha256)
        if file.kind in ("table",) + TABLE_KINDS:
            if known is None or known.get("kind") not in TABLE_KINDS:
                known = _parse_table(file, cache)
            file.kind, file.note, file.rows_blank = known["kind"], known["note"], known["rows_blank"]
            file.row_count, file.rows_file = known["rows"], cache.rows_path(file.sha256)
        else:
            decoded = read_text(file.path)
            file.text, file.note = decoded.text, decoded.note
            if not file.text.strip():
                raise FileRejected(reasons.empty_text(file.path.name))
            if file.kind == "bulletin_text" and known is None:
                from ..extract import read

                # the figures themselves are read with the other documents (raw.document_actuals)
                if not read(file.text, doc=file.display_path, unknown_as="actual").actuals:
                    raise FileRejected(reasons.no_figures(file.path.name))
                cache.put(file.sha256, {"kind": file.kind, "note": file.note})
    except FileRejected as exc:
        file.status, file.reason = "rejected", str(exc)
    except Exception as exc:  # noqa: BLE001 - whatever breaks on one file must not stop the others
        file.status, file.reason = "rejected", reasons.unreadable(file.path.name, exc)


def _parse_table(file: InputFile, cache: ParsedCache) -> dict:
    contracts = {"figures": FIGURE_COLUMNS, "progress": PROGRESS_COLUMNS, "form": form_layout.HEADER,
                 "firm_register": FIRM_REGISTER_COLUMNS, "firm_months": FIRM_MONTH_COLUMNS,
                 "tech_projects": TECH_PROJECT_COLUMNS}
    if file.kind in TABLE_KINDS:
        contracts = {k: v for k, v in contracts.items() if k == file.kind or (file.kind, k) == ("progress", "form")}
    table = read_table(file.path, contracts)
    kind, rows, columns, blank, note = table.kind, table.rows, table.columns, table.blank_rows, table.note
    if kind == "form":  # a returned 目标进度填报表: its filled rows are progress reports
        rows, unfilled = form_layout.reports(rows)
        kind, columns, blank = "progress", PROGRESS_COLUMNS + FORM_REPORT_COLUMNS, blank + unfilled
        note = "; ".join(n for n in (note, f"目标进度填报表: {len(rows)} target(s) reported, {unfilled} left blank") if n)
        if not rows:
            raise FileRejected(reasons.empty_form(file.path.name))
    synthetic = sum(row.get("quality", "").strip().lower() == "synthetic" for row in rows)
    if synthetic:  # the publish gate: generated data never enters a published warehouse
        raise FileRejected(reasons.synthetic_rows(file.path.name, synthetic))
    meta = {"kind": kind, "note": note, "rows_blank": blank}
    cache.put(file.sha256, meta, rows, columns)
    return {**meta, "rows": len(rows)}


def collect(seed_files: list[tuple[Path, str]], inbox: Path, cache: ParsedCache) -> list[InputFile]:
    """Every input of a build and every entry of the inbox, each with its state."""
    files = [InputFile(path, "seeds", f"seeds/{path.parent.name}/{path.name}", kind) for path, kind in seed_files]
    files += _listed(inbox / "processed", "processed", inbox)
    new = _listed(inbox, "inbox", inbox)
    earlier = _listed_with_reason(inbox / "rejected", "rejected", inbox) + \
        _listed_with_reason(inbox / "retracted", "retracted", inbox)
    _assign_destinations(new, [f for f in files if f.location == "processed"] + earlier, inbox)
    files += new + earlier
    seen: dict[str, InputFile] = {}
    for f in files:
        f.sha256 = sha256_of(f.path)
        if f.status != "accepted":
            continue
        if f.sha256 in seen:
            f.status, f.reason = "duplicate", reasons.duplicate(seen[f.sha256].display_path)
            continue
        seen[f.sha256] = f
        load(f, cache)
        if f.location == "seeds" and f.status == "rejected":
            raise RuntimeError(f"shipped seed file is unreadable: {f.reason}")
    for f in new:
        if f.status == "rejected":
            f.name, f.destination = _inbox_name(f.path, inbox), None  # shown as dropped
    _mark_superseded(files)
    _unique_names(files)
    return files


def _unique_names(files: list[InputFile]) -> None:
    """A display name names one entry: a later entry that would repeat one (a rejected file
    dropped again under a name in use) is told apart by a number (`inbox/x.csv#2`)."""
    seen: dict[str, int] = {}
    for f in files:
        name = f.display_path
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            f.name = f"{name}#{seen[name]}"


def _listed(folder: Path, location: str, inbox: Path) -> list[InputFile]:
    """The entries of an inbox folder and its policies/ folder, each triaged."""
    found = []
    for sub in (folder, folder / "policies"):
        if not sub.is_dir() or sub.is_symlink():
            continue
        entries = [p for p in sub.iterdir() if not (sub == folder and p.name in FOLDERS and p.is_dir()
                                                    and not p.is_symlink())]
        for path in sorted(entries, key=lambda p: (version_of(p.name)[0], version_of(p.name)[1], p.name)):
            status, reason = _triage(path)
            found.append(InputFile(path, location, _inbox_name(path, inbox), status=status, reason=reason,
                                   entry=path.relative_to(inbox).as_posix()))
    return found


def check(path: Path, cache: ParsedCache) -> InputFile:
    """The file-level checks a build makes of one new inbox entry, without moving it: `_triage`
    (links, folders, hidden and lock files), then `load` (a `.txt` under a `policies/` folder is a
    policy). The app checks a browser upload with it, staged outside the inbox, before it enters."""
    status, reason = _triage(path)
    file = InputFile(path, "inbox", path.name, status=status, reason=reason)
    if file.status == "accepted":
        file.sha256 = sha256_of(path)
        load(file, cache)
    return file


def _triage(path: Path) -> tuple[str, str]:
    """What to do with an inbox entry before opening it."""
    if path.is_symlink():
        return "rejected", reasons.symlink(path.name)
    if path.name.startswith("~$"):
        return "skipped", reasons.lock_file(path.name)
    if path.name.startswith("."):
        return "skipped", reasons.hidden(path.name)
    if path.is_dir():
        return "rejected", reasons.folder(path.name)
    if not stat.S_ISREG(path.lstat().st_mode):
        return "skipped", reasons.not_a_file(path.name)
    return "accepted", ""


def _listed_with_reason(folder: Path, location: str, inbox: Path) -> list[InputFile]:
    """Files rejected or retracted by earlier builds stay listed (with their reason)."""
    found = []
    for sub in (folder, folder / "policies"):
        if not sub.is_dir() or sub.is_symlink():
            continue
        for path in sorted(p for p in sub.iterdir() if not p.name.endswith(REASON_SUFFIX)
                           and not (sub == folder and p.name == "policies" and p.is_dir())):
            reason_file = path.with_name(path.name + REASON_SUFFIX)
            reason = reason_file.read_text(encoding="utf-8", errors="replace").strip() if reason_file.is_file() \
                else "rejected earlier"
            found.append(InputFile(path, location, _inbox_name(path, inbox), status=location, reason=reason,
                                   entry=path.relative_to(inbox).as_posix()))
    return found


def _assign_destinations(new: list[InputFile], processed: list[InputFile], inbox: Path) -> None:
    """A new file whose name is taken (in processed/, or by a rejected or retracted file) becomes
    its next version (`x~v2.csv`), so no two entries share a name."""
    latest: dict[tuple[str, str], int] = {}
    for f in processed:
        key = f.lineage
        latest[key] = max(latest.get(key, 0), version_of(f.path.name)[1])
    for f in new:
        if f.status != "accepted":
            continue
        folder = inbox / "processed" / ("policies" if f.path.parent.name == "policies" else "")
        key = f.lineage
        base = Path(_bounded(key[1]))
        if key in latest:
            latest[key] += 1
            name = f"{base.stem}~v{latest[key]}{base.suffix}"
        else:
            latest[key], name = 1, base.name
        f.destination = folder / name
        f.name = _inbox_name(f.destination, inbox)


def _mark_superseded(files: list[InputFile]) -> None:
    """Of the readable versions of one file, the newest is current; the others are history."""
    versions: dict[tuple[str, str], list[InputFile]] = {}
    for f in files:
        if f.status == "accepted":
            versions.setdefault(f.lineage, []).append(f)
    for chain in versions.values():
        chain.sort(key=lambda f: (f.location != "seeds", version_of(f.path.name)[1]))
        for older, newer in zip(chain, chain[1:]):
            newer.supersedes = older.display_path
        current = chain[-1]
        for older in chain[:-1]:
            older.status, older.superseded_by = "superseded", current.display_path
            older.reason = reasons.superseded(current.display_path)


def _inbox_name(path: Path, inbox: Path) -> str:
    """`inbox/<name>` (or `inbox/policies/<name>`) wherever the file sits now, so provenance
    stays the same when a file moves to processed/ after its publish."""
    relative = path.relative_to(inbox).as_posix()
    for folder in ("processed/", "rejected/", "retracted/"):
        relative = relative.removeprefix(folder)
    return "inbox/" + relative


def waiting(inbox: Path) -> dict[str, str]:
    """Entries of the inbox a build would act on (new files, links, folders) -> fingerprint.
    The sensor and the loader share this listing, so they agree on what is new."""
    return {f.path.relative_to(inbox).as_posix(): sha256_of(f.path)
            for f in _listed(inbox, "inbox", inbox) if f.status != "skipped"}


def move_rejected(files: list[InputFile], inbox: Path) -> list[Path]:
    """Move newly rejected inbox entries to `rejected/`, each with a `.reason.txt` beside it."""
    moved = []
    for f in files:
        if f.location == "inbox" and f.status == "rejected" and (f.path.exists() or f.path.is_symlink()):
            sub = "rejected/policies" if f.path.parent.name == "policies" else "rejected"
            try:
                moved.append(file_away(f.path, inbox / sub, f.reason))
            except OSError as exc:  # e.g. no permission: the entry stays, listed with its reason
                f.note = f"could not be moved to {sub}/: {exc}"
    return moved


def file_away(path: Path, folder: Path, reason: str) -> Path:
    """Move an entry (file, folder or the link itself) into `folder`, with its reason beside it."""
    target = _free_name(folder, path.name)
    shutil.move(str(path), target)  # a rename: a symlink moves as a link, never as its target
    original = "" if target.name == path.name else f"\n原文件名:{path.name}"
    target.with_name(target.name + REASON_SUFFIX).write_text(reason + original + "\n", encoding="utf-8")
    return target


def move_processed(published: list[tuple[str, str]], failed: dict[str, str], inbox: Path) -> list[Path]:
    """After a publish: move the new inbox files it included (and their duplicates) from where they
    sit (`entry`, relative to the inbox) to `processed/`, under the name they were published with.
    A document the reader failed on (`failed`: name -> reason) goes to `rejected/` instead."""
    moved = []
    for entry, name in published:
        path = inbox / entry
        if not path.is_file() or path.is_symlink():
            continue
        if name in failed:
            sub = "rejected/policies" if path.parent.name == "policies" else "rejected"
            moved.append(file_away(path, inbox / sub, failed[name]))
            continue
        destination = inbox / "processed" / name.removeprefix("inbox/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.exists():
            destination = _free_name(destination.parent, destination.name)
        moved.append(shutil.move(str(path), destination))
    return moved


class NotRetractable(ValueError):
    """The named file is not a processed inbox file (the message says what is)."""


def retract(inbox: Path, name: str, reason: str, by: str, on: str) -> Path:
    """Take a processed file out of every later build: it moves to `retracted/` with who, when and
    why beside it, and stays listed (status retracted). `name` is its display name
    (`inbox/x.csv`, as on the quality page) or its name in processed/."""
    if not reason.strip():
        raise NotRetractable("a retraction needs a reason (--reason)")
    if name.startswith("seeds/"):
        raise NotRetractable(f"{name} is shipped with the project; change it in git, not by retraction")
    relative = name.removeprefix("inbox/").removeprefix("processed/")
    path = inbox / "processed" / relative
    if not path.is_file() or path.is_symlink():
        known = sorted(_inbox_name(p, inbox) for p in (inbox / "processed").rglob("*") if p.is_file())
        hint = f"; processed files are: {', '.join(known[:20])}" if known else "; processed/ is empty"
        raise NotRetractable(f"{name} is not a processed inbox file{hint}")
    sub = "retracted/policies" if path.parent.name == "policies" else "retracted"
    return file_away(path, inbox / sub, reasons.retracted(reason.strip(), by, on))


def _bounded(name: str) -> str:
    """A file name that leaves room for `.reason.txt` (and a version tag): hash plus a truncated name."""
    if len(name.encode()) <= _MAX_NAME_BYTES - 8:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 8 else ""
    digest = hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:10]
    stem = name[: len(name) - len(suffix)].encode()[: _MAX_NAME_BYTES - 8 - 11 - len(suffix.encode())]
    return f"{digest}-{stem.decode('utf-8', 'ignore')}{suffix}"


def _free_name(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = _bounded(name)
    base, _ = version_of(name)
    candidate, n = folder / name, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = folder / f"{Path(base).stem}~v{n}{Path(base).suffix}"
    return candidate
