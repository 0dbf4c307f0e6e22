"""A file uploaded in the app: checked before it enters the inbox, then put there whole.

The checks are the inbox's own (`inbox.classify` for the type, `inbox.check` for everything a
build checks of a new file before it reads rows: links, lock files, encoding, delimiter, header,
empty files, broken workbooks, formulas without a saved result, texts without figures), so an
upload is refused with exactly the Chinese reason `rejected/<file>.reason.txt` would give.
Only the size limit is the upload's own.

A file is written to the staging folder (`Settings.uploads`), checked there, and only then
placed in the inbox (`policies/` for a policy text) under its name by a hard link, which is
atomic and never replaces a file: a running build or the sensor never sees half a file. When the
staging folder is on another filesystem than the inbox, the file is first copied to a hidden name
inside the inbox (hidden entries are skipped by the inbox) and linked from there.

A name already in `processed/` (or a shipped seed of that name) makes the upload a correction,
per the inbox's rule: the new file becomes the next version and the old rows are kept as history.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..settings import SEEDS_DIR
from . import inbox, reasons
from .parsed_cache import ParsedCache
from .readers import TABLE_SUFFIXES, FileRejected

MAX_MB = 20
MAX_BYTES = MAX_MB * 1024 * 1024
SUFFIXES = TABLE_SUFFIXES + (".txt",)  # what `inbox.classify` accepts
MAX_NAME_BYTES = 255  # one file name on disk; longer ones are bounded the inbox's way (`inbox._bounded`)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


@dataclass
class Upload:
    original_name: str  # as the browser sent it
    name: str  # the sanitised name it has (or would have) in the inbox
    accepted: bool = False
    reason: str = ""  # why it was refused (the inbox's reason where the inbox would reject it)
    kind: str = ""  # figures | progress | bulletin_text | policy_text
    note: str = ""  # what the reader noted (GBK converted, BOM removed, ...)
    rows: int = 0
    correction_of: str = ""  # display name of the file this one corrects (a new version of it)
    duplicate_of: str = ""  # display name of a processed file with the same content
    entry: str = ""  # where it sits in the inbox (`x.csv`, `policies/x.txt`)

    @property
    def message(self) -> str:
        """What the page says about this file, in Chinese."""
        if not self.accepted:
            return self.reason
        where = "收件箱的 policies/ 文件夹" if self.kind == "policy_text" else "收件箱"
        parts = [f"{self.name}:检查通过,已放入{where}。"]
        if self.correction_of:
            parts.append(f"同名文件 {self.correction_of} 已经读入过:本文件将作为它的更正(新版本),"
                         "旧版本的数据作为历史保留,不再计入。")
        if self.duplicate_of:
            parts.append(reasons.duplicate(self.duplicate_of) + "。")
        return "".join(parts)


def sanitise_name(name: str) -> str:
    """A safe file name: the last part of any path, no control or path characters, no `..`, no
    leading dot or space, at most MAX_NAME_BYTES (bounded as the inbox bounds names). "" if nothing is left."""
    name = re.split(r"[/\\]", name or "")[-1]
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name).strip().lstrip(". ").rstrip(" ")
    if len(name.encode()) > MAX_NAME_BYTES:
        name = inbox._bounded(name)
    return name


def receive(data: bytes, name: str, *, inbox_dir: Path, uploads: Path, policy: bool = False) -> Upload:
    """Check one uploaded file and, if the inbox would read it, put it into the inbox.

    `policy`: a `.txt` is a policy document (goes to `policies/`); otherwise a report."""
    safe = sanitise_name(name)
    result = Upload(name, safe)
    if not safe:
        result.reason = f"{name}:文件名无效(去掉路径和特殊字符后为空)。请改用普通文件名后重新上传"
        return result
    if len(data) > MAX_BYTES:
        result.reason = (f"{safe}:文件大小 {len(data) / 1024 / 1024:.1f} MB,超过上传上限 {MAX_MB} MB。"
                         "请拆分成几个文件后分别上传,或把文件直接交给系统维护人员放入收件箱")
        return result
    try:
        inbox.classify(Path(safe))
    except FileRejected as exc:
        result.reason = str(exc)
        return result
    sub = "policies" if policy and Path(safe).suffix.lower() == ".txt" else ""
    destination = inbox_dir / sub / safe
    result.entry = destination.relative_to(inbox_dir).as_posix()
    if destination.exists() or destination.is_symlink():
        result.reason = (f"{safe}:收件箱里已有同名文件在等待下次构建读取。"
                         "请等这次构建完成(文件移到“已处理”)后再上传更正,或改用其他文件名")
        return result
    token = uuid.uuid4().hex
    staging = uploads / token / sub / safe
    cache = ParsedCache(uploads / f"{token}.parsed")
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        _write(staging, data)
        checked = inbox.check(staging, cache)
        result.kind, result.note, result.rows = checked.kind, checked.note, checked.row_count
        if checked.status != "accepted":
            result.reason = checked.reason
            return result
        result.correction_of = _corrects(inbox_dir, safe, policies=checked.in_policies)
        result.duplicate_of = _same_content(inbox_dir, checked.sha256)
        try:
            place(staging, destination)
        except FileExistsError:
            result.reason = (f"{safe}:收件箱里已有同名文件在等待下次构建读取。"
                             "请等这次构建完成后再上传更正,或改用其他文件名")
            return result
        result.accepted = True
        return result
    finally:
        shutil.rmtree(uploads / token, ignore_errors=True)
        shutil.rmtree(cache.folder, ignore_errors=True)


def _write(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def place(staged: Path, destination: Path) -> Path:
    """Put a checked file into the inbox at once (a hard link: atomic, never replaces a file;
    FileExistsError if the name is taken). Across filesystems the file is copied to a hidden
    name inside the inbox first (the inbox skips hidden entries) and linked from there."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(staged, destination)
        return destination
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
            raise
    hidden = destination.parent / f".upload-{uuid.uuid4().hex}.part"
    try:
        shutil.copyfile(staged, hidden)
        with open(hidden, "rb") as handle:
            os.fsync(handle.fileno())
        os.link(hidden, destination)
    finally:
        hidden.unlink(missing_ok=True)
    return destination


def _corrects(inbox_dir: Path, name: str, *, policies: bool) -> str:
    """The display name of a file read before under this name (processed/ or a seed), or ""."""
    base = inbox.version_of(name)[0]
    sub = "policies" if policies else ""
    folder = inbox_dir / "processed" / sub
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and inbox.version_of(path.name)[0] == base:
                return "inbox/" + (f"{sub}/" if sub else "") + base
    seeds = SEEDS_DIR / ("policies" if policies else "bulletins")
    if (seeds / base).is_file():
        return f"seeds/{seeds.name}/{base}"
    return ""


def _same_content(inbox_dir: Path, sha256: str) -> str:
    """A processed file with exactly this content, or ""."""
    folder = inbox_dir / "processed"
    if not folder.is_dir():
        return ""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and inbox.sha256_of(path) == sha256:
            return "inbox/" + path.relative_to(folder).as_posix()
    return ""
