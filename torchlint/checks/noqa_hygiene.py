"""TL901: unused and unknown ``# noqa: TL...`` directives (ruff's RUF100). The engine
reports it (``torchlint.lint.noqa.unused``) after noqa filtering; the class carries the
code, the name and the documentation."""

from __future__ import annotations

from torchlint.rules.rule import Rule


class UnusedNoqa(Rule):
    code = "TL901"
    name = "unused-noqa"
    summary = "A `# noqa` directive that suppresses nothing, or names no torchlint rule."
    default_enabled = False
    fixable = True
    # Not a visitor: the engine runs it on the findings of the other rules.
    engine_rule = True
    docs = """
    ## What it does
    Reports `# noqa` comments that suppress no finding, as ruff's `RUF100`:

    - `# noqa: TL101` where no TL101 finding is on the line (unused), when TL101 is
      enabled in this run (a code of a rule that is not enabled is not judged: the
      run cannot know whether it would be used);
    - `# noqa: TL2040`, a TL code that names no rule (unknown);
    - a blanket `# noqa` with no torchlint finding on its line.

    Codes of other tools (`# noqa: E501`, `# noqa: BLE001`) and of the runtime check
    (`TLR...`) are never judged and always kept. A directive that names TL901 itself
    (`# noqa: TL901`, or the prefix `TL9`) is never reported.

    ## Why is this bad?
    A stale `# noqa` hides the next real bug on its line, and a mistyped code
    (`# noqa: TL1O1`) suppresses nothing while looking as if it did.

    ## Example
    ```python
    x = batch.to(device)  # noqa: TL204, E501
    ```

    ## Use instead
    ```python
    x = batch.to(device)  # noqa: E501
    ```

    ## Fix safety
    Removing unused or unknown codes is safe: it removes those codes only, or the
    whole directive when none is left, and nothing else of the line (a `# type:
    ignore` or a reason after the codes is kept: `# noqa: TL101 slow` becomes
    `# slow`). Removing a blanket `# noqa` is **unsafe**: flake8, pylint-style tools
    and others read it too, and torchlint cannot see their findings.

    ## References
    - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    - `torchlint --add-noqa`, which writes the directives (docs/noqa.md)
    """
