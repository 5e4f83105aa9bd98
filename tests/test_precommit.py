"""The pre-commit hooks, run for real: a project repository whose
``.pre-commit-config.yaml`` is the snippet from docs/pre-commit.md, pointing at a git
repository made from this tree (a temporary commit of the files pre-commit installs:
``.pre-commit-hooks.yaml``, ``pyproject.toml``, ``README.md`` and ``torchlint/``).
pre-commit clones it and pip-installs it into its own virtualenv, as it does for users.

Installing needs the package index for torchlint's dependencies (libcst, click,
pathspec, hatchling); with no index at all the test is skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# Fixed by torchlint-fix (a safe fix): TL102 at 3:14.
BAD = 'import torch\ndef g(x: torch.Tensor):\n    return x.type("torch.HalfTensor")\n'
FIXED = (
    'import torch\ndef g(x: torch.Tensor):\n    return x.to(device="cpu", dtype=torch.float16)\n'
)
FINDING = (
    "m.py:3:14: TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the "
    'tensor to the CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)
# Not fixable with --fix alone (the fix is unsafe): TL102 on a CUDA type.
UNFIXABLE = "import torch\ndef f(x: torch.Tensor):\n    return x.type(torch.cuda.HalfTensor)\n"

NO_INDEX = re.compile(
    r"Could not find a version that satisfies|No matching distribution found|"
    r"Failed to establish a new connection|Temporary failure in name resolution|"
    r"Network is unreachable|ProxyError|Max retries exceeded"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def hook_repo(dest: Path, env: dict[str, str]) -> str:
    """A git repository with what pre-commit installs from this tree; its commit."""
    dest.mkdir()
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(
        ROOT / "torchlint", dest / "torchlint", ignore=shutil.ignore_patterns("__pycache__")
    )
    git("init", "-q", cwd=dest, env=env)
    git("add", "-A", cwd=dest, env=env)
    git("commit", "-q", "-m", "snapshot of the working tree", cwd=dest, env=env)
    return git("rev-parse", "HEAD", cwd=dest, env=env)


def documented_config() -> dict[str, Any]:
    """The .pre-commit-config.yaml snippet users are told to paste."""
    text = (ROOT / "docs" / "pre-commit.md").read_text()
    (snippet,) = re.findall(r"```yaml\n(repos:\n.*?)```", text, re.DOTALL)
    config: dict[str, Any] = yaml.safe_load(snippet)
    return config


class Project:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def run(self, hook: str) -> subprocess.CompletedProcess[str]:
        proc = self.pre_commit("run", hook, "--all-files", "--color", "never")
        assert "An unexpected error has occurred" not in proc.stdout + proc.stderr, proc.stdout
        return proc

    def add(self, name: str, text: str) -> None:
        (self.root / name).parent.mkdir(parents=True, exist_ok=True)
        (self.root / name).write_text(text)
        git("add", "-A", cwd=self.root, env=self.env)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    base = tmp_path_factory.mktemp("precommit")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "VIRTUAL_ENV"
    }
    env |= {
        "PRE_COMMIT_HOME": str(base / "cache"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(base / "home"),  # no user git config
    }
    (base / "home").mkdir()
    rev = hook_repo(base / "torchlint", env)

    config = documented_config()
    (repo,) = config["repos"]
    repo["repo"], repo["rev"] = str(base / "torchlint"), rev
    root = base / "project"
    root.mkdir()
    git("init", "-q", cwd=root, env=env)
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    proj = Project(root, env)
    proj.add("README.txt", "x.type(torch.cuda.HalfTensor) in a text file is not linted\n")
    git("commit", "-q", "-m", "init", cwd=root, env=env)

    install = proj.pre_commit("install-hooks")
    if install.returncode != 0:
        log = base / "cache" / "pre-commit.log"
        output = install.stdout + install.stderr + (log.read_text() if log.exists() else "")
        if NO_INDEX.search(output):
            pytest.skip("pre-commit cannot install torchlint's environment: no package index")
        pytest.fail(f"pre-commit install-hooks failed:\n{output}")
    return proj


def test_the_hooks_file_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"torchlint", "torchlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["python", "pyi", "jupyter"]
        assert hook["require_serial"] is False
    assert hooks["torchlint"]["entry"] == "torchlint"
    assert hooks["torchlint-fix"]["entry"] == "torchlint --fix --exit-non-zero-on-fix"


def test_documented_config_uses_both_hooks() -> None:
    (repo,) = documented_config()["repos"]
    assert repo["repo"] == "https://github.com/torchlint/torchlint"
    assert [h["id"] for h in repo["hooks"]] == ["torchlint-fix", "torchlint"]


def test_documented_rev_is_not_a_tag_that_does_not_exist() -> None:
    """There is no release tag yet: the snippet says `rev: main`, which
    `pre-commit autoupdate` replaces with a full commit SHA."""
    (repo,) = documented_config()["repos"]
    assert repo["rev"] == "main"
    text = (ROOT / "docs" / "pre-commit.md").read_text()
    assert "pre-commit autoupdate --repo https://github.com/torchlint/torchlint" in text
    assert "full commit" in text and "SHA" in text


def test_autoupdate_pins_the_documented_rev_to_a_full_commit_sha(tmp_path: Path) -> None:
    """What docs/pre-commit.md tells users to run, on a hook repository without tags
    (as torchlint's is until a release): the rev becomes the newest commit's full SHA.
    No package index needed: autoupdate only reads the hooks file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    rev = hook_repo(tmp_path / "torchlint", env)
    config = documented_config()
    config["repos"][0]["repo"] = str(tmp_path / "torchlint")
    root = tmp_path / "project"
    root.mkdir()
    git("init", "-q", cwd=root, env=env)
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    proc = Project(root, env).pre_commit("autoupdate", "--repo", str(tmp_path / "torchlint"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (pinned,) = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", pinned["rev"]) and pinned["rev"] == rev


def test_clean_project_passes(project: Project) -> None:
    for hook in ("torchlint-fix", "torchlint"):
        proc = project.run(hook)
        assert proc.returncode == 0, proc.stdout
        assert re.search(r"^torchlint.*\.(Passed|\(no files to check\)Skipped)$", proc.stdout, re.M)


def test_lint_hook_fails_with_the_finding_then_passes_once_fixed(project: Project) -> None:
    project.add("m.py", BAD)
    proc = project.run("torchlint")
    assert proc.returncode == 1
    assert re.search(r"^torchlint\.+Failed$", proc.stdout, re.M), proc.stdout
    assert FINDING in proc.stdout.splitlines()
    assert (project.root / "m.py").read_text() == BAD  # the lint hook never writes

    project.add("m.py", FIXED)
    proc = project.run("torchlint")
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"^torchlint\.+Passed$", proc.stdout, re.M)


def test_fix_hook_fixes_fails_because_it_changed_files_then_passes(project: Project) -> None:
    project.add("m.py", BAD)
    proc = project.run("torchlint-fix")
    assert proc.returncode == 1
    assert re.search(r"^torchlint \(fix\)\.+Failed$", proc.stdout, re.M), proc.stdout
    assert "- files were modified by this hook" in proc.stdout
    assert (project.root / "m.py").read_text() == FIXED

    git("add", "-A", cwd=project.root, env=project.env)
    proc = project.run("torchlint-fix")
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"^torchlint \(fix\)\.+Passed$", proc.stdout, re.M)


def test_fix_hook_fails_on_findings_it_cannot_fix_and_leaves_the_file(project: Project) -> None:
    project.add("m.py", UNFIXABLE)
    proc = project.run("torchlint-fix")
    assert proc.returncode == 1
    assert "m.py:3:14: TL102" in proc.stdout
    assert "files were modified" not in proc.stdout
    assert (project.root / "m.py").read_text() == UNFIXABLE
    project.add("m.py", FIXED)


def test_stub_files_are_linted_too(project: Project) -> None:
    project.add("s.pyi", BAD)
    proc = project.run("torchlint")
    assert proc.returncode == 1
    assert "s.pyi:3:14: TL102" in proc.stdout
    (project.root / "s.pyi").unlink()
    git("add", "-A", cwd=project.root, env=project.env)


def test_force_exclude_in_the_config_applies_exclude_to_the_files_pre_commit_names(
    project: Project,
) -> None:
    """pre-commit names every file, so `exclude` alone would not apply;
    `force-exclude = true` makes it apply (docs/pre-commit.md)."""
    project.add("pyproject.toml", '[tool.torchlint]\nextend-exclude = ["vendor"]\n')
    project.add("vendor/m.py", BAD)
    try:
        proc = project.run("torchlint")
        assert proc.returncode == 1 and "vendor/m.py:3:14: TL102" in proc.stdout, proc.stdout
        project.add(
            "pyproject.toml",
            '[tool.torchlint]\nextend-exclude = ["vendor"]\nforce-exclude = true\n',
        )
        proc = project.run("torchlint")
        assert proc.returncode == 0, proc.stdout
        assert re.search(r"^torchlint\.+Passed$", proc.stdout, re.M)
    finally:
        (project.root / "pyproject.toml").unlink()
        shutil.rmtree(project.root / "vendor")
        git("add", "-A", cwd=project.root, env=project.env)
