"""One build at a time, an all-or-nothing swap, signals that end everything the build started."""

import fcntl
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EPOCH
from hostile import fixture_project

ZIP = "drugs-en-opvang-offline-2025-11-23.zip"


def env(**extra) -> dict:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", **extra)


def start(project: Path, *args, **extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kennisbank.build", *args], cwd=project, env=env(**extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(project: Path, *args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kennisbank.build", *args], cwd=project, env=env(**extra),
                          capture_output=True, text=True, timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def wait_for_line(proc: subprocess.Popen, wanted: str, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    for line in proc.stdout:
        if line.strip() == wanted:
            return
        assert time.time() < deadline, f"no {wanted!r}"
    raise AssertionError(f"the build ended before {wanted!r}: {proc.stderr.read()}")


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def gone(pid: int, timeout: float = 5.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with the fixture content, built once (the posters are then served from its cache)."""
    target = fixture_project(tmp_path_factory.mktemp("concurrency") / "project")
    result = run(target)
    assert result.returncode == 0, result.stderr
    return target


def test_two_builds_at_once_both_succeed_one_after_the_other(project):
    reference = snapshot(project / "site")
    first, second = start(project), start(project)
    outs = [p.communicate(timeout=600) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    waited = [err for _, err in outs if "another build is running (pid" in err]
    assert len(waited) == 1 and "waiting for it to finish" in waited[0]
    assert snapshot(project / "site") == reference
    with zipfile.ZipFile(project / "dist" / ZIP) as zf:
        assert zf.testzip() is None
        names = [n for n in zf.namelist() if not n.endswith("/")]
    assert len(names) == len(reference) + 2
    assert sorted(p.name for p in (project / "dist").iterdir()) == [ZIP]
    assert list((project / "build" / "runs").iterdir()) == []


def test_a_second_build_refuses_with_no_wait(project):
    lock = os.open(project / "build" / "build.lock", os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.pwrite(lock, b"4242\n", 0)
    try:
        result = run(project, "--no-wait")
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
    assert result.returncode == 1
    assert result.stderr.startswith("another build is running (pid 4242, lock ")
    assert result.stderr.rstrip().endswith("try again when it has finished")


@pytest.mark.parametrize("exchange, point", [
    pytest.param(True, "swap", id="atomic-exchange"),
    pytest.param(False, "between-renames", id="two-renames-then-recovery"),
])
def test_kill_at_the_swap_never_loses_the_site(project, exchange, point):
    """SIGKILL at the swap: site/ is the previous one (at once, or after the next start's recovery)."""
    (project / "site" / "marker.txt").write_text("previous build", encoding="utf-8")
    before = snapshot(project / "site")
    extra = {"KB_PAUSE_AT": f"{point}:60"}
    if not exchange:
        extra["KB_NO_RENAME_EXCHANGE"] = "1"
    proc = start(project, **extra)
    wait_for_line(proc, f"pause: {point}")
    proc.kill()
    proc.wait()
    if exchange:
        assert snapshot(project / "site") == before
    else:
        assert not (project / "site").exists() and (project / ".site-old").is_dir()
    # the next build, failing on bad content, recovers the site first and says so truthfully
    guide = project / "content" / "guide.yaml"
    good = guide.read_text(encoding="utf-8")
    guide.write_text(good.replace("  - id: msoc\n", "  - id: MSOC\n"), encoding="utf-8")
    try:
        failed = run(project)
    finally:
        guide.write_text(good, encoding="utf-8")
    assert failed.returncode == 1
    assert failed.stderr.rstrip().endswith("nothing was built, the previous site/ is unchanged")
    assert snapshot(project / "site") == before
    assert list(project.glob(".site*")) == []
    again = run(project)
    assert again.returncode == 0, again.stderr
    assert not (project / "site" / "marker.txt").exists()
    assert sorted(p.name for p in project.glob(".site*")) == []


def test_sigterm_ends_the_poster_renderer_and_cleans_up(project):
    before = snapshot(project / "site")
    proc = start(project, KB_NO_POSTER_CACHE="1")
    renderer = None
    deadline = time.time() + 300
    while renderer is None and time.time() < deadline and proc.poll() is None:
        for child in children(proc.pid):
            if "--render-jobs" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
                renderer = child
        time.sleep(0.05)
    assert renderer is not None, "the poster renderer never started"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.rstrip().endswith("build interrupted by SIGTERM; the previous site/ is unchanged")
    assert gone(renderer)
    assert snapshot(project / "site") == before
    assert list((project / "build" / "runs").iterdir()) == []
    assert not [p for p in (project / "build" / "posters-cache").iterdir() if ".tmp-" in p.name]


def test_sigkill_of_the_build_ends_the_renderer(project):
    proc = start(project, KB_NO_POSTER_CACHE="1")
    renderer = None
    deadline = time.time() + 300
    while renderer is None and time.time() < deadline and proc.poll() is None:
        for child in children(proc.pid):
            if "--render-jobs" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
                renderer = child
        time.sleep(0.05)
    assert renderer is not None
    proc.kill()
    proc.wait()
    assert gone(renderer)
    # the next build removes what the killed one left behind
    again = run(project)
    assert again.returncode == 0, again.stderr
    assert list((project / "build" / "runs").iterdir()) == []


def test_a_failed_bundle_leaves_the_previous_zip(tmp_path, monkeypatch):
    import datetime as dt

    from kennisbank import build

    site = tmp_path / "site"
    site.mkdir()
    for i in range(5):
        (site / f"page{i}.html").write_text(f"page {i}", encoding="utf-8")
    dist = tmp_path / "dist"
    dist.mkdir()
    old = dist / ZIP
    old.write_bytes(b"the previous bundle")
    older = dist / "drugs-en-opvang-offline-2025-01-01.zip"
    older.write_bytes(b"an older bundle")
    calls = []
    real = zipfile.ZipFile.writestr

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(OSError):
        build.write_bundle(site, dist, dt.date(2025, 11, 23))
    assert old.read_bytes() == b"the previous bundle" and older.exists()
    assert sorted(p.name for p in dist.iterdir()) == sorted([ZIP, older.name])
    monkeypatch.setattr(zipfile.ZipFile, "writestr", real)
    target = build.write_bundle(site, dist, dt.date(2025, 11, 23))
    assert sorted(p.name for p in dist.iterdir()) == [ZIP]
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None and len(zf.namelist()) == 7


def test_previous_site_message_only_when_true(tmp_path):
    from kennisbank.build import Outcome

    assert Outcome(tmp_path / "site", had_site=True).unchanged() == "the previous site/ is unchanged"
    assert Outcome(tmp_path / "site").unchanged() == "there is no site/ (no previous build)"
    assert Outcome(tmp_path / "site", had_site=True, replaced=True).unchanged() == \
        "the new site/ is in place, but the offline bundle was not updated"


def test_a_missing_ui_string_is_a_content_error(project):
    ui = project / "content" / "ui.yaml"
    good = ui.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("  rec_page_title:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    ui.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    before = snapshot(project / "site")
    try:
        result = run(project)
    finally:
        ui.write_text(good, encoding="utf-8")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if not line.startswith("warning: ")] == [
        "content/ui.yaml:2: strings: missing text 'rec_page_title' (a page uses it; add it in nl, fr and en)",
        "1 error(s); nothing was built, the previous site/ is unchanged",
    ]
    assert snapshot(project / "site") == before
