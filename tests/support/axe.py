"""axe-core, the accessibility engine, run inside the page by Playwright.

axe-core comes from the npm registry into ``<repo>/.test-tools/`` (git-ignored):
``scripts/bootstrap.sh --test`` installs it, and :func:`axe_script` does so itself when it is
missing (a fresh CI machine, a developer who did not bootstrap), so the tests never depend on a
download at run time beyond that one install.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".test-tools"
AXE_VERSION = "4.14"  # npm semver range ~4.14: bug fixes only, the same rules
AXE_JS = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")


def axe_script() -> Path:
    """The path of ``axe.min.js``, installed with npm first if it is not there yet."""
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: run `scripts/bootstrap.sh --test` (it installs it)")
        TOOLS.mkdir(exist_ok=True)
        command = [npm, "install", "--prefix", str(TOOLS), "--no-save", "--no-audit"]
        subprocess.run(
            [*command, "--no-fund", f"axe-core@~{AXE_VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE_JS


_RUN = """async (include) => {
  const result = await axe.run({include}, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), nodes: v.nodes.length}));
}"""


def violations(page, *selectors: str) -> list[dict]:
    """axe's violations (id, impact, help, targets, nodes) in the elements ``selectors`` match
    in the current page (axe is injected if it is not there yet)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    return page.evaluate(_RUN, [[s] for s in selectors])


def by_impact(found: list[dict]) -> dict[str, int]:
    """How many elements violate a rule, per impact (every impact listed, zeros included)."""
    counts = Counter()
    for v in found:
        counts[v["impact"]] += v["nodes"]
    return {impact: counts.get(impact, 0) for impact in IMPACTS}
