"""Replace a kit folder all at once: the old kit or the new one, never a mix.

A build writes its new kit into a hidden staging folder beside the kit: the new
documents, plus a hard link (or copy) of every earlier file it keeps (outputs of formats
it did not build, files the trainer put there). Then the two folders swap places in one
step (``renameat2(RENAME_EXCHANGE)`` on Linux, ``renamex_np(RENAME_SWAP)`` on macOS;
elsewhere two renames, which the next build repairs if a crash falls between them).
A kill, Ctrl-C, full disk or read-only folder leaves the old kit; leftovers of a killed
build are removed by the next build of that kit.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from werkvorm.errors import WerkvormError, display_path

STALE_AFTER = 3600  # seconds: a leftover whose builder we cannot ask about


class WriteError(WerkvormError):
    """The kit could not be written (disk full, read-only folder, no permission)."""


@contextmanager
def plain_words(folder: Path) -> Iterator[None]:
    """Turn an operating-system error while writing ``folder`` into a trainer's sentence."""
    try:
        yield
    except OSError as exc:
        raise WriteError(_explain(exc, folder)) from exc


def _explain(exc: OSError, folder: Path) -> str:
    where = display_path(exc.filename or folder)
    parent = display_path(Path(exc.filename).parent) if exc.filename else where
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"the disk is full: nothing was changed in {display_path(folder)}"
    if exc.errno == errno.EROFS:
        return f"cannot write to {parent}: the folder is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"cannot write to {parent}: no permission, or a file in it is open in "
            "another program (close it and build again); nothing was changed"
        )
    if exc.errno == errno.ENAMETOOLONG:
        return f"a file name is too long for this disk: {where}"
    blocker = _file_in_the_way(folder)
    if blocker is not None:
        return (
            f"{display_path(blocker)} is a file, not a folder: werkvorm puts kits in "
            "folders there; move or rename it, then build again (nothing was changed)"
        )
    reason = exc.strerror or exc.__class__.__name__
    return f"cannot write {display_path(folder)}: {reason} ({where}); nothing was changed"


def _file_in_the_way(folder: Path) -> Path | None:
    """A file standing where one of the kit's folders (output/, the client's) goes."""
    for parent in reversed(folder.parents):
        if os.path.lexists(parent) and not parent.is_dir():
            return parent
    return None


@contextmanager
def kit_lock(folder: Path) -> Iterator[None]:
    """One build at a time writes into the kits of a folder (output/<client>/): a
    build that read the kit's manifest and carried over its files swaps them in before
    another build can, so a reported ✓ is never undone by a build running beside it.
    A lock on the folder itself: nothing is left behind (no lock file)."""
    try:
        import fcntl
    except ImportError:  # Windows: two builds of one kit at once stay the trainer's care
        yield
        return
    with plain_words(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def replace_folder(
    folder: Path, documents: Mapping[str, bytes], drop: Callable[[str], bool]
) -> None:
    """Make ``folder`` the old folder with ``documents`` written and ``drop``ped names gone.

    Names are relative, with ``/``: ``handout.pdf``, ``participants/jan.pdf``.
    """
    with plain_words(folder):
        recover(folder)
        if os.path.lexists(folder) and not folder.is_symlink() and not folder.is_dir():
            raise WriteError(
                f"{display_path(folder)} is a file, not a kit folder: werkvorm never deletes "
                "what it did not make; move or rename it, then build again (nothing was changed)"
            )
        made_parent = not folder.parent.exists()
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = _new_folder(folder, ".new")
        try:
            if folder.is_dir() and not folder.is_symlink():
                _carry_over(folder, staging, _skip_rule(documents, drop))
            for name, data in documents.items():
                _write(staging / name, data)
            _swap(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if made_parent:
                with suppress(OSError):
                    folder.parent.rmdir()  # only when empty: nothing of ours stays behind
            raise


def _new_folder(folder: Path, suffix: str) -> Path:
    """A fresh hidden folder beside ``folder``, with the permissions of any new folder
    (``mkdtemp`` would make it private, and the kit would stay so after the swap)."""
    while True:
        path = folder.with_name(f"{_prefix(folder)}{secrets.token_hex(4)}{suffix}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path


def _prefix(folder: Path) -> str:
    return f".{folder.name}.{os.getpid()}-"


def _skip_rule(
    documents: Mapping[str, bytes], drop: Callable[[str], bool]
) -> Callable[[str, bool], bool]:
    folders = {"/".join(n.split("/")[:i]) for n in documents for i in range(1, n.count("/") + 1)}

    def skip(name: str, real_dir: bool) -> bool:
        if name in documents or (name in folders and not real_dir):
            return True  # replaced: a new document, or a file or link where a folder goes
        leaf = name.rsplit("/", 1)[-1]
        return (leaf.startswith(".") and leaf.endswith(".tmp")) or drop(name)

    return skip


def _carry_over(old: Path, new: Path, skip: Callable[[str, bool], bool]) -> None:
    """Hard-link (or copy) what the new kit keeps; links are kept as links, never followed."""
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(old / rel if rel else old) as entries:
            for entry in entries:
                name = rel + entry.name
                real_dir = entry.is_dir(follow_symlinks=False)
                if skip(name, real_dir):
                    continue
                target = new / name
                if entry.is_symlink():
                    try:
                        os.symlink(os.readlink(entry.path), target)
                    except OSError:  # Windows without the right to make links
                        continue
                elif real_dir:
                    target.mkdir()
                    pending.append(name + "/")
                elif entry.is_file(follow_symlinks=False):
                    try:
                        os.link(entry.path, target)  # a regular file, never a link
                    except OSError:  # a file system without hard links (FAT, some shares)
                        shutil.copy2(entry.path, target, follow_symlinks=False)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _swap(staging: Path, folder: Path) -> None:
    if not os.path.lexists(folder):
        try:
            os.rename(staging, folder)
            return
        except OSError:
            if not os.path.lexists(folder):
                raise  # not another build that put a kit there meanwhile
    if _exchange(staging, folder):
        _remove(staging)  # now the old kit (or whatever stood in its place)
        return
    old = _new_folder(folder, ".old")
    os.rmdir(old)
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step where the system can; False where it cannot."""
    if sys.platform not in ("linux", "darwin") or os.environ.get("WERKVORM_NO_EXCHANGE"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform == "linux":
            result = libc.renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2)
        else:
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), 2)
    except (AttributeError, OSError):  # an older C library
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system that cannot swap
    raise OSError(code, os.strerror(code), str(b))


def recover(folder: Path) -> None:
    """Repair and remove what a killed build of this kit left beside it."""
    parent = folder.parent
    if not parent.is_dir():
        return
    marker = f".{folder.name}."
    leftovers = [
        p
        for p in parent.iterdir()
        if p.name.startswith(marker) and p.name.endswith((".new", ".old")) and not _alive(p)
    ]
    if not os.path.lexists(folder):
        for old in (p for p in leftovers if p.name.endswith(".old")):
            os.rename(old, folder)  # killed between the two renames: the old kit returns
            leftovers.remove(old)
            break
    for path in leftovers:
        _remove(path)


def _remove(path: Path) -> None:
    """Remove a folder tree, or a file or link that stood where a kit goes."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()


def _alive(path: Path) -> bool:
    """Is the build that made this leftover still running?"""
    pid_text = path.name.rsplit(".", 2)[-2].split("-", 1)[0]
    try:
        if time.time() - path.lstat().st_mtime > STALE_AFTER:
            return False
        pid = int(pid_text)
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return False
    if sys.platform == "win32":
        return True  # no safe probe without extra libraries: wait for STALE_AFTER
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
