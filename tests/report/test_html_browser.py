"""The HTML report of the demo project in a real headless Chromium: renders, no console errors.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package; skipped when
any is missing. With REVIEWBOT_UPDATE_SNAPSHOTS=1 it also refreshes the README's screenshot,
``examples/demo-service-report.png``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewbot.cli.main import main
from tests.snapshot import updating

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo-service"
SCREENSHOT = REPO / "examples" / "demo-service-report.png"
SCREENSHOT_HEIGHT = 1900  # the README shows the overview, not every finding
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--force-device-scale-factor=1",
    "--window-size=1280,900",
)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
    ),
    pytest.mark.xdist_group("browser"),  # one worker starts the module's browser, not every worker
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = tmp_path_factory.mktemp("html") / "demo-service.html"
    code = main(["check", str(DEMO), "--format", "html", "--output", str(report), "--no-cache", "--quiet"])
    assert code == 1  # the demo has blocking findings
    return report


def test_demo_report_renders_without_console_errors(browser: Any, demo_report: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(demo_report.as_uri())
    assert browser.title == "reviewbot report: examples/demo-service"
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 2 and all(chart.size["height"] > 50 for chart in charts)
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    hotspots = browser.find_elements(By.CSS_SELECTOR, "#hotspots ol.hotspots li")
    assert hotspots and "discount()" in hotspots[0].text and "pricing.py:12" in hotspots[0].text
    files = browser.find_elements(By.CSS_SELECTOR, "article.file")
    assert len(files) >= 3 and all(article.is_displayed() for article in files)
    assert browser.find_elements(By.CSS_SELECTOR, "pre.excerpt span.line.hit")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 1280, "the page must not scroll sideways"
    assert browser.get_log("browser") == []
    _screenshot(browser, tmp_path / "report.png")


def test_report_fits_a_phone(browser: Any, demo_report: Path) -> None:
    browser.set_window_size(400, 900)
    try:
        browser.get(demo_report.as_uri())
        inner = browser.execute_script("return window.innerWidth")
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= inner
    finally:
        browser.set_window_size(1280, 900)


def _screenshot(browser: Any, path: Path) -> None:
    """The top of the page (counts, charts, hotspots, the first files); also the README's."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(height + 140, SCREENSHOT_HEIGHT))
    try:
        assert browser.save_screenshot(str(path))
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if updating():
            shutil.copyfile(path, SCREENSHOT)
    finally:
        browser.set_window_size(1280, 900)
