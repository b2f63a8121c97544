"""The dependency locks: every package pinned with its hashes, and the environment the tests run in holding
exactly the locked versions (a package installed by hand, or a drifted version, fails here)."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s\\;]+)")


def _locked(path: Path) -> dict[str, str]:
    """Package name (normalised) -> pinned version, checking that each entry carries a hash."""
    pins, text = {}, path.read_text(encoding="utf-8")
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = entry.strip().splitlines()[0] if entry.strip() else ""
        if not first or first.startswith("#"):
            continue
        match = PIN.match(first)
        assert match, f"{path.name}: not an exact pin: {first!r}"
        assert "--hash=sha256:" in entry, f"{path.name}: {match.group(1)} has no hash"
        pins[_norm(match.group(1))] = match.group(3)
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_lock_pins_every_package_with_hashes(lock):
    pins = _locked(ROOT / lock)
    assert len(pins) > 50  # the whole tree, not only the direct dependencies
    assert "lxml-html-clean" in pins  # jusText's lxml.html.clean: without it no HTML loads


def test_runtime_lock_is_part_of_the_dev_lock():
    runtime, dev = _locked(ROOT / "requirements.txt"), _locked(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_direct_dependencies_are_locked():
    dev = _locked(ROOT / "requirements-dev.txt")
    for source in ("requirements.in", "requirements-dev.in"):
        for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("-"):
                continue
            name = _norm(re.split(r"[\[=<>~! ]", line, maxsplit=1)[0])
            assert name in dev, f"{source}: {name} is not in the lock"


def test_installed_versions_are_the_locked_ones():
    """What the tests run on is the lock: run in the virtualenv the README's test command installs."""
    wrong = {}
    for name, version in _locked(ROOT / "requirements-dev.txt").items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"locked vs installed: {wrong}"


def test_html_cleaner_imports():
    """jusText (through trafilatura) imports lxml.html.clean: the lock must make it importable."""
    import lxml.html.clean  # noqa: F401
