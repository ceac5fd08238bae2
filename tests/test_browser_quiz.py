"""Quizzes in a real JupyterLab and Chromium: answer with mouse and keyboard, no XSS.

The notebooks folder is copied into a temporary folder (so JupyterLab's autosave never
touches the repository) and a small quiz notebook is added there.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from helpers import ROOT, launch_lab, wait_for_kernel

pytestmark = [pytest.mark.browser, pytest.mark.lab]

XSS = "<img src=x onerror=window.__xss=1>"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TIMEOUT = 90_000  # ms: a cold kernel start on a slow CI machine


def _quiz_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Quiz test"),
        nbformat.v4.new_code_cell('from newscase import quiz\nquiz.show("00-outlet")'),
        nbformat.v4.new_code_cell('quiz.show("00-force")'),
        nbformat.v4.new_code_cell('quiz.score("00_start_here")'),
    ]
    nbformat.write(nb, path)


@pytest.fixture
def lab_root(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    start = root / "notebooks" / "00_start_here.ipynb"
    if not start.exists():  # tools/lab.py insists on it; the quiz test does not need it
        nbformat.write(nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC}), start)
    _quiz_notebook(root / "notebooks" / "quiz_test.ipynb")
    return root


def test_quiz_answers_with_mouse_and_keyboard_and_never_runs_typed_html(
    chromium, lab_root, tmp_path, artifacts_dir
):
    env = {
        "NEWSCASE_HOME": str(tmp_path / "home"),
        "NEWSCASE_STUDENT": "browser-test",
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with launch_lab(lab_root, tmp_path / "lab.log", env) as (base, token, _):
        page = chromium.new_page(viewport={"width": 1280, "height": 1400})
        try:
            page.goto(f"{base}/lab/tree/notebooks/quiz_test.ipynb?token={token}")
            wait_for_kernel(page, base, token)
            _answer(page)
        finally:
            page.screenshot(path=str(artifacts_dir / "quiz_browser.png"), full_page=True)
            page.close()


def _answer(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    outlet = page.locator(".newscase-quiz-00-outlet")
    force = page.locator(".newscase-quiz-00-force")
    outlet.wait_for(timeout=TIMEOUT)
    force.wait_for(timeout=TIMEOUT)
    score = page.locator(".newscase-quiz-score")
    score.wait_for(timeout=TIMEOUT)
    assert "0 of 5 answered correctly" in score.inner_text()

    # A wrong answer with the mouse: pick "Rudaw", click Check.
    # Controls are found by their accessible role and label, as a screen reader finds them.
    outlet.get_by_role("radio", name="Rudaw", exact=True).click()
    outlet.get_by_role("button", name="Check", exact=True).click()
    feedback = outlet.locator(".newscase-quiz-feedback")
    feedback.get_by_text("\u2717 Not quite.").wait_for(timeout=30_000)
    assert "Rudaw is \u201ca Kurdish media outlet\u201d" in feedback.inner_text()

    # A right answer with the keyboard only: focus the box, type, press Enter.
    box = force.get_by_role("textbox", name="Answer:")
    box.focus()
    page.keyboard.type("al-Hashd al-Sha\u2019bi")
    page.keyboard.press("Enter")
    feedback = force.locator(".newscase-quiz-feedback")
    feedback.get_by_text("\u2713 Correct.").wait_for(timeout=30_000)
    assert "another name for \u201cPopular Mobilization Units\u201d" in feedback.inner_text()
    page.wait_for_function(
        "document.querySelector('.newscase-quiz-score').innerText.includes('1 of 5')",
        timeout=30_000,
    )

    # Typed HTML is shown as text and never runs.
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(XSS)
    page.keyboard.press("Enter")
    feedback.get_by_text(XSS, exact=False).wait_for(timeout=30_000)
    assert feedback.inner_text().startswith("\u2717")
    page.wait_for_timeout(500)  # give an injected onerror handler the chance to fire
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
