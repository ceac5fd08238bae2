"""Decide first, and your own article, in a real JupyterLab and Chromium.

1. Notebook 04's claim: the module's verdict is not on the page until the student has chosen
   a verdict, written a reason and pressed Commit; then it appears.
2. Notebook 06's own-article panel: paste a short text, press Read it, and see its voices,
   places and loaded terms listed.

The notebooks folder is copied into a temporary folder, so JupyterLab never touches the
repository; saved state goes to a throwaway folder.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from helpers import ROOT, launch_lab, wait_for_kernel

pytestmark = [pytest.mark.browser, pytest.mark.lab]

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TIMEOUT = 90_000  # ms: a cold kernel start on a slow CI machine
CLAIM = "badr_spearheaded_40km"
TEXT = (
    "Iraqi forces reached Sinjar on Monday, a senior official told Rudaw. "
    "\u201cWe will not stop at the border,\u201d said Hadi al-Amiri. "
    "Critics call them Iranian-backed militias."
)


def _notebook(path, source):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    _notebook(root / "notebooks" / "judge_test.ipynb", f'from newscase import judge\njudge.show("{CLAIM}")')
    _notebook(root / "notebooks" / "read_test.ipynb",
              "from newscase.lessons import your_turn\nyour_turn.your_article()")  # fmt: skip
    env = {
        "NEWSCASE_HOME": str(tmp_path / "home"),
        "NEWSCASE_STUDENT": "browser-test",
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with launch_lab(root, tmp_path / "lab.log", env) as (base, token, _):
        yield base, token


def _run_all(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_the_verdict_appears_only_after_the_student_commits_one(chromium, lab, artifacts_dir):
    base, token = lab
    page = chromium.new_page(viewport={"width": 1280, "height": 1400})
    try:
        page.goto(f"{base}/lab/tree/notebooks/judge_test.ipynb?token={token}")
        wait_for_kernel(page, base, token)
        _run_all(page)
        panel = page.locator(".newscase-judge-claim")
        panel.wait_for(timeout=TIMEOUT)
        assert "The module's verdict" not in panel.inner_text()
        panel.get_by_role("button", name="Commit my judgement").click()
        panel.get_by_text("Choose your verdict first").wait_for(timeout=30_000)
        assert "The module's verdict" not in panel.inner_text()
        panel.get_by_role("combobox", name="Verdict").select_option("qualified")
        said = panel.get_by_role("combobox", name="Said so?")
        if said.count():
            said.select_option("not-found")
        panel.get_by_role("textbox", name="Reason").fill("No other report gives the 40 km.")
        panel.get_by_role("button", name="Commit my judgement").click()
        reveal = panel.locator(".newscase-judge-reveal")
        reveal.get_by_text("The module's verdict: qualified").wait_for(timeout=30_000)
        assert "Your verdict: qualified" in reveal.inner_text()
        assert panel.get_by_role("button", name="Commit my judgement").is_disabled()
    finally:
        page.screenshot(path=str(artifacts_dir / "judge_browser.png"), full_page=True)
        page.close()


def test_a_pasted_article_lists_its_voices_places_and_terms(chromium, lab, artifacts_dir):
    base, token = lab
    page = chromium.new_page(viewport={"width": 1280, "height": 1600})
    try:
        page.goto(f"{base}/lab/tree/notebooks/read_test.ipynb?token={token}")
        wait_for_kernel(page, base, token)
        _run_all(page)
        panel = page.locator(".newscase-your-article")
        panel.wait_for(timeout=TIMEOUT)
        panel.get_by_role("textbox", name="Article").fill(TEXT)
        panel.get_by_role("textbox", name="Published").fill("2017-05-31")
        panel.get_by_role("button", name="Read it").click()
        findings = panel.locator(".newscase-your-article-findings")
        findings.get_by_text("Who speaks").wait_for(timeout=30_000)
        shown = findings.inner_text()
        assert "Hadi al-Amiri" in shown and "a senior official" in shown and "Rudaw" in shown
        assert "Sinjar" in shown and "sinjar" in shown  # the mention and its place id
        assert "Iranian-backed" in shown and "iranian_backed" in shown
        assert "2017-05-29" in shown  # "on Monday", worked out from the publication date
    finally:
        page.screenshot(path=str(artifacts_dir / "your_turn_browser.png"), full_page=True)
        page.close()
