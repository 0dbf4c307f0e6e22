"""Find, classify, read and file away the inputs of one build.

Inputs come from three places, read in this order:
1. `seeds/` — shipped with the project (a broken seed is a bug: the run fails loudly);
2. `<inbox>/processed/` — files of earlier builds, re-read so every build is complete;
3. `<inbox>/` — new files. A file the loader cannot read as a whole is moved to
   `<inbox>/rejected/` with `<name>.reason.txt`; readable ones move to `processed/` after the
   build that includes them is published.
Policy documents go in `<inbox>/policies/` (plain text: read for targets and actuals); `.txt`
files in the inbox itself are reports (bulletins, progress reports, work reports: read for their
actuals). A file whose content (sha256) was already read is a duplicate and adds nothing.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .contracts import FIGURE_COLUMNS, PROGRESS_COLUMNS
from .readers import TABLE_SUFFIXES, FileRejected, read_header, read_table, read_text

KINDS = ("figures", "progress", "bulletin_text", "policy_text")


@dataclass
class InputFile:
    path: Path
    location: str  # where the file sits now: seeds | processed | inbox (new) | rejected
    name: str = ""  # "seeds/..." or "inbox/...": how the file is shown and stored
    kind: str = ""
    sha256: str = ""
    status: str = "accepted"  # accepted | rejected | duplicate
    reason: str = ""
    note: str = ""
    rows: list[dict] = field(default_factory=list)  # table rows, or figures found in bulletin text
    text: str = ""

    @property
    def display_path(self) -> str:
        return self.name or self.path.name

    @property
    def origin(self) -> str:
        """The channel the file came through (seed or inbox); stable when it moves to processed/."""
        return "seed" if self.location == "seeds" else "inbox"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def classify(path: Path, *, policy_folder: bool = False) -> str:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return "policy_text" if policy_folder else "bulletin_text"
    if suffix in TABLE_SUFFIXES:
        return "progress" if "target_id" in read_header(path) else "figures"
    raise FileRejected(f"{path.name}: unsupported file type {suffix or '(none)'}; the inbox takes .csv, .xlsx and .txt")


def load(file: InputFile) -> None:
    """Read the file's content into `file`, or mark it rejected with the reason."""
    try:
        file.kind = file.kind or classify(file.path, policy_folder=file.path.parent.name == "policies")
        if file.kind in ("figures", "progress"):
            table = read_table(file.path, FIGURE_COLUMNS if file.kind == "figures" else PROGRESS_COLUMNS)
            file.rows, file.note = table.rows, table.note
        else:
            decoded = read_text(file.path)
            file.text, file.note = decoded.text, decoded.note
            if not file.text.strip():
                raise FileRejected(f"{file.path.name}: the text is empty")
            if file.kind == "bulletin_text":
                from ..extract import read

                # the figures themselves are read with the other documents (raw.document_actuals)
                if not read(file.text, doc=file.display_path, unknown_as="actual").actuals:
                    raise FileRejected(
                        f"{file.path.name}: no statistical figures recognised in the text; if it is a "
                        "bulletin, enter its figures in the CSV template instead"
                    )
    except FileRejected as exc:
        file.status, file.reason = "rejected", str(exc)


def collect(seed_files: list[tuple[Path, str]], inbox: Path) -> list[InputFile]:
    """Every input of a build, loaded, with duplicates (same sha256) marked."""
    files = [InputFile(path, "seeds", f"seeds/{path.parent.name}/{path.name}", kind) for path, kind in seed_files]
    for location, folder in (("processed", inbox / "processed"), ("inbox", inbox)):
        for sub in (folder, folder / "policies"):
            if sub.is_dir():
                files += [InputFile(p, location, _inbox_name(p, inbox)) for p in sorted(sub.iterdir()) if _is_input(p)]
    files += _already_rejected(inbox / "rejected")
    seen: dict[str, InputFile] = {}
    for f in files:
        f.sha256 = sha256_of(f.path)
        if f.status == "rejected":
            continue
        if f.sha256 in seen:
            f.status, f.reason = "duplicate", f"same content as {seen[f.sha256].display_path}; nothing new to load"
            continue
        seen[f.sha256] = f
        load(f)
        if f.location == "seeds" and f.status == "rejected":
            raise RuntimeError(f"shipped seed file is unreadable: {f.reason}")
    return files


def _already_rejected(folder: Path) -> list[InputFile]:
    """Files rejected by earlier builds stay listed (with their reason) until someone removes them."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.iterdir() if _is_input(p)):
        reason_file = path.with_name(path.name + ".reason.txt")
        reason = reason_file.read_text(encoding="utf-8").strip() if reason_file.exists() else "rejected earlier"
        found.append(InputFile(path, "rejected", _inbox_name(path, folder.parent), status="rejected", reason=reason))
    return found


def _inbox_name(path: Path, inbox: Path) -> str:
    """`inbox/<name>` (or `inbox/policies/<name>`) wherever the file sits now, so provenance
    stays the same when a file moves to processed/ after its publish."""
    relative = path.relative_to(inbox).as_posix()
    for folder in ("processed/", "rejected/"):
        relative = relative.removeprefix(folder)
    return "inbox/" + relative


def _is_input(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and not path.name.endswith(".reason.txt")


def move_rejected(files: list[InputFile], inbox: Path) -> list[Path]:
    """Move newly rejected inbox files to `rejected/`, each with a `.reason.txt` beside it."""
    moved = []
    for f in files:
        if f.location == "inbox" and f.status == "rejected" and f.path.exists():
            target = _free_name(inbox / "rejected", f.path.name)
            shutil.move(str(f.path), target)
            target.with_name(target.name + ".reason.txt").write_text(f.reason + "\n", encoding="utf-8")
            moved.append(target)
    return moved


def move_processed(paths: list[Path], inbox: Path) -> list[Path]:
    """After a publish: move the inbox files it included (and their duplicates) to `processed/`."""
    moved = []
    for path in paths:
        if path.exists():
            sub = "processed/policies" if path.parent.name == "policies" else "processed"
            moved.append(shutil.move(str(path), _free_name(inbox / sub, path.name)))
    return moved


def _free_name(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    candidate, n = folder / name, 1
    while candidate.exists():
        candidate = folder / f"{Path(name).stem}.{n}{Path(name).suffix}"
        n += 1
    return candidate
