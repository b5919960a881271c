"""Former ids on the page: a link or a search made before a rename still finds the actor."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_page import PAGE_DATA, Opened, browser  # noqa: F401 - browser is a fixture

import actorgraph
from actorgraph import edit
from actorgraph.export.html import render


def test_focus_links_and_search_accept_former_ids(browser, tmp_path: Path) -> None:  # noqa: F811
    data = Path(shutil.copytree(PAGE_DATA / "timeline", tmp_path / "timeline"))
    edit.rename_actor(data, "tajikistan", "tjk")
    edit.rename_actor(data, "tjk", "tj")  # 'tjk' is now a former id that is no name or alias
    render(actorgraph.load(data, use_cache=False), tmp_path / "page.html")
    page = Opened(browser, tmp_path / "page.html", fragment="focus=tjk&actor=tjk")
    try:
        assert page.page.inner_text("#focus-name") == "Tajikistan"
        assert page.js("document.getElementById('panel').dataset.id") == "tj"
        page.page.keyboard.press("Escape")
        page.page.fill("#search", "TJK")
        page.page.press("#search", "Enter")
        assert page.js("document.getElementById('panel').dataset.id") == "tj"
        page.assert_clean()
    finally:
        page.close()
