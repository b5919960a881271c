"""Writing outputs: never half a file, never a replaced link, device or FIFO, sets all or none.

Every export and the page go through actorgraph.atomic; these tests drive it
through the export API, the CLI, and child processes where the operating
system must take part (a file size limit standing for a full disk, a process
killed midway, a standard output opened for appending).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import MINI
from test_export import DATA, load, run

from actorgraph import atomic
from actorgraph.export import write

BASIC = str(DATA / "basic")


def actorgraph_process(*args: str, file_size_limit: int | None = None, **options):
    """Run ``python -m actorgraph ARGS`` in a child process (optionally under ``ulimit -f``)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, no signal
        if file_size_limit is not None:
            hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, hard))

    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        preexec_fn=limit,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "ACTORGRAPH_NO_CACHE": "1"},
        **options,
    )


# what is at the path


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    (tmp_path / "dangling.json").symlink_to("created.json")
    document = write(load("basic"), "json", tmp_path / "link.json")
    write(load("basic"), "json", tmp_path / "dangling.json")
    assert (tmp_path / "link.json").is_symlink()
    assert target.read_text(encoding="utf-8") == document
    assert (tmp_path / "dangling.json").is_symlink()
    assert (tmp_path / "created.json").read_text(encoding="utf-8") == document
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "created.json",
        "dangling.json",
        "link.json",
        "real.json",
    ]


def test_a_character_device_is_written_to_never_replaced(tmp_path: Path) -> None:
    # Through a link of our own, so that a regression would replace the link, not /dev/null.
    (tmp_path / "null").symlink_to("/dev/null")
    result = run("export", "dot", "--data", BASIC, "-o", str(tmp_path / "null"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "null").is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_fifo_is_written_to_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    document = write(load("basic"), "mermaid", fifo)
    reader.join(timeout=60)
    assert received == [document.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dash_writes_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exported = run("export", "json", "--data", BASIC, "-o", "-")
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == write(load("basic"), "json")
    rendered = run("render", "--data", BASIC, "-o", "-", "--title", "To stdout")
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout.startswith("<!DOCTYPE html>") and "To stdout" in rendered.stdout
    several = run("export", "csv", "--data", BASIC, "-o", "-")
    assert several.exit_code == 1 and "give a directory, not -" in several.stderr
    assert list(tmp_path.iterdir()) == []


def test_dev_stdout_writes_to_the_open_standard_output(tmp_path: Path) -> None:
    # The shell opened standard output for appending (>>): the export goes at its end.
    out = tmp_path / "log.txt"
    out.write_text("earlier line\n", encoding="utf-8")
    (tmp_path / "to-stdout").symlink_to("/dev/stdout")
    with open(out, "a", encoding="utf-8") as handle:
        result = actorgraph_process(
            "export", "mermaid", "--data", BASIC, "-o", str(tmp_path / "to-stdout"), stdout=handle
        )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "earlier line\n" + write(load("basic"), "mermaid")
    assert (tmp_path / "to-stdout").is_symlink()


def test_a_socket_or_a_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        for path, what in ((tmp_path / "sock", "it is a socket"), (tmp_path, "it is a folder")):
            result = run("export", "graphml", "--data", BASIC, "-o", str(path))
            assert result.exit_code == 1
            assert f"error: cannot write {path}: {what}" in result.stderr
            assert "Traceback" not in result.output
    finally:
        server.close()
    assert stat.S_ISSOCK(os.lstat(tmp_path / "sock").st_mode)


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write(load("basic"), "json", target)
    assert target.stat().st_mode & 0o777 == 0o600


# failures midway


def test_a_full_disk_names_the_file_and_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    target.write_text("the previous export", encoding="utf-8")
    result = actorgraph_process(
        "export", "graphml", "--data", BASIC, "-o", str(target), file_size_limit=4096
    )
    assert result.returncode == 1
    assert f"error: cannot write {target}: File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_the_csv_pair_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    new = write(load("basic"), "csv")
    sizes = {name: len(text.encode()) for name, text in new.items()}
    assert sizes["actors.csv"] < sizes["relations.csv"]
    (tmp_path / "actors.csv").write_text("old actors", encoding="utf-8")
    (tmp_path / "relations.csv").write_text("old relations", encoding="utf-8")
    # Room for the new actors.csv, not for the new relations.csv: a disk filling up.
    result = actorgraph_process(
        "export", "csv", "--data", BASIC, "-o", str(tmp_path), file_size_limit=sizes["actors.csv"]
    )
    assert result.returncode == 1
    assert "relations.csv: File too large" in result.stderr
    assert (tmp_path / "actors.csv").read_text(encoding="utf-8") == "old actors"
    assert (tmp_path / "relations.csv").read_text(encoding="utf-8") == "old relations"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.csv", "relations.csv"]


def test_a_set_whose_last_rename_fails_gets_its_old_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    files = {tmp_path / "a.txt": "new a", tmp_path / "b.txt": "new b", tmp_path / "c.txt": "new c"}
    renames = []
    real_replace = os.replace

    def failing_third(source, destination):
        renames.append(destination)
        if len(renames) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", failing_third)
    with pytest.raises(OSError, match=r"cannot write .*c\.txt: No space left on device"):
        atomic.write_files(files)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old a"
    atomic.write_files(files)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "a.txt": "new a",
        "b.txt": "new b",
        "c.txt": "new c",
    }


def test_temporaries_left_by_a_killed_write_are_swept_next_time(tmp_path: Path) -> None:
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from pathlib import Path\n"
            "from actorgraph import atomic\n"
            "path = atomic.temporary_path(Path(sys.argv[1]) / 'graph.json')\n"
            "path.write_text('half a docu')\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
            str(tmp_path),
        ],
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    (left,) = tmp_path.iterdir()
    assert left.name.startswith(".graph.json.") and left.name.endswith(".actorgraph-tmp")
    # Another machine's temporary (a shared folder): kept while it may still be in use.
    elsewhere = tmp_path / ".graph.json.00000000-1.0a1b2c3d.actorgraph-tmp"
    elsewhere.write_text("in use", encoding="utf-8")
    ours_running = atomic.temporary_path(tmp_path / "graph.json")
    ours_running.write_text("in use", encoding="utf-8")
    (tmp_path / ".graph.json.tmp").write_text("not ours", encoding="utf-8")

    document = write(load("basic"), "json", tmp_path / "graph.json")

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".graph.json.tmp", elsewhere.name, ours_running.name, "graph.json"]
    )
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == document
    old = 2 * atomic.STALE_AFTER
    os.utime(elsewhere, (elsewhere.stat().st_atime - old, elsewhere.stat().st_mtime - old))
    write(load("basic"), "json", tmp_path / "graph.json")
    assert not elsewhere.exists()


# A child that dies (as under SIGKILL or a power cut) right after the first
# rename of a set: the folder is left part new, part old, with the set's journal.
DIE_AFTER_FIRST_RENAME = """
import os, sys
real_replace = os.replace

def replace_then_die(source, destination):
    real_replace(source, destination)
    os._exit(9)

os.replace = replace_then_die
{body}
"""


def killed_midway(body: str, *args: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", DIE_AFTER_FIRST_RENAME.format(body=body), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 9, child.stderr


def test_a_set_killed_between_two_renames_is_put_back_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    killed_midway(
        "from pathlib import Path\n"
        "from actorgraph import atomic\n"
        "folder = Path(sys.argv[1])\n"
        "atomic.write_files({folder / n: 'new ' + n for n in ('a.txt', 'b.txt', 'c.txt')})\n",
        str(tmp_path),
    )
    left = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert left["a.txt"] == "new a.txt" and left["b.txt"] == "old b"
    assert sum(name.endswith(".actorgraph-journal") for name in left) == 1

    assert atomic.recover(tmp_path) == [tmp_path / "a.txt"]
    atomic.sweep(tmp_path)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "a.txt": "old a",
        "b.txt": "old b",
    }
    assert atomic.recover(tmp_path) == []


def test_a_set_that_created_a_file_removes_it_when_put_back(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    killed_midway(
        "from pathlib import Path\n"
        "from actorgraph import atomic\n"
        "folder = Path(sys.argv[1])\n"
        "atomic.write_files({folder / 'new.txt': 'created', folder / 'b.txt': 'new b'})\n",
        str(tmp_path),
    )
    assert (tmp_path / "new.txt").exists()
    # The next write into the folder undoes the set before it writes.
    atomic.write_text(tmp_path / "other.txt", "other")
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "b.txt": "old b",
        "other.txt": "other",
    }


def test_the_journal_of_a_running_write_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("new a", encoding="utf-8")
    backup = tmp_path / f".a.txt.{atomic._process_tag()}.0a0b0c0d.actorgraph-old"
    backup.write_text("old a", encoding="utf-8")
    journal = tmp_path / f".set.{atomic._process_tag()}.0a0b0c0d.actorgraph-journal"
    entry = {"target": str(tmp_path / "a.txt"), "temporary": "gone", "backup": str(backup)}
    journal.write_text(json.dumps({"journals": [str(journal)], "entries": [entry]}))
    assert atomic.recover(tmp_path) == []  # this process is alive: it may be mid-write
    assert journal.exists() and backup.exists()


def test_an_edit_killed_between_its_files_leaves_the_data_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    killed_midway(
        "from actorgraph.cli import main\n"
        "sys.argv = ['actorgraph', 'rename', 'russia', 'rf', '--data', sys.argv[1]]\n"
        "main()\n",
        str(data),
    )
    assert {p.name for p in data.iterdir()} > set(before)  # part new, journal and all
    # The next command that reads the data finds the old dataset, whole.
    checked = actorgraph_process("validate", "--data", str(data), "--no-cache")
    assert checked.returncode == 0, checked.stderr
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    renamed = actorgraph_process("rename", "russia", "rf", "--data", str(data))
    assert renamed.returncode == 0, renamed.stderr
    assert b"- id: rf" in (data / "actors.yaml").read_bytes()
