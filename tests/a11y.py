"""Accessibility check for Playwright tests: axe-core (npm, copied by ``make assets``) in Chromium.

Usage in any app's browser test::

    from tests.a11y import assert_no_axe_violations

    def test_my_page_is_accessible(page, ...):
        page.goto("/my/page/")
        assert_no_axe_violations(page)

It runs the WCAG 2.0/2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa) on the whole
document and fails with one line per violation and node (rule id, impact, selector, help URL).
"""

from pathlib import Path

AXE_PATH = Path(__file__).resolve().parents[1] / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def axe_violations(page, *, context=None, tags=WCAG_TAGS):
    """The axe-core violations of the page currently open (a list of axe result dicts)."""
    if not AXE_PATH.exists():
        raise AssertionError(f"{AXE_PATH} is missing: run `make assets`.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async ([context, tags]) => {
            const results = await axe.run(context || document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        [context, list(tags)],
    )
    return result


def format_violations(violations):
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} at `{node['target']}`"
                f" — {node['summary']} [{violation['helpUrl']}]"
            )
    return "\n".join(lines)


def assert_no_axe_violations(page, *, context=None, tags=WCAG_TAGS):
    """Fail the test, listing every violation, when axe finds any on the open page."""
    violations = axe_violations(page, context=context, tags=tags)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + format_violations(
        violations
    )
