"""``ctxh-check serve`` in a real browser (Debian's Chromium driven by Selenium through
chromium-driver): upload the Lạng Sơn Word plan, read the conclusion and the QD112-T01 row, lower
the 2025 staff-assignment target below the national minimum in the plan file box, check again and
see KHÔNG ĐẠT. Screenshots of both result pages are saved; the test prints where."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import variants  # noqa: E402

LANG_SON_SEED = CORPUS / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)"),
    pytest.mark.skipif(DRIVER is None, reason="chromedriver is not installed (Debian: apt-get install chromium-driver)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("fastapi", reason="the web packages are not installed: make serve, or pip install -e '.[test]'")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "ctxh_compliance", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"ctxh-check serve did not start:\n{process.stdout.read()}")
            time.sleep(0.3)
    yield base
    process.terminate()
    try:
        log = process.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        log = process.communicate()[0]
    # the server's log names requests, never the plan: no file name, no plan text
    assert "lang_son" not in log and "Lạng Sơn" not in log and "staff_assignment" not in log


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="Selenium is not installed (pip install selenium)")
    profile = tempfile.mkdtemp(prefix="ctxh-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                 "--window-size=1280,1500", "--lang=vi"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _submit(driver, button) -> None:
    """Press a submit button and wait until the browser has left the page it was on."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    page = driver.find_element(By.TAG_NAME, "html")

    def left(_driver) -> bool:
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:  # Chromium's answer for a node of the page being replaced
            if "does not belong to the document" in str(exc):
                return True
            raise
    button.click()
    WebDriverWait(driver, 90).until(left)


def _result(driver, timeout: float = 90.0) -> str:
    """The overall verdict of the result page, once it has loaded (or the page's error, as a failure)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#conclusion .overall .badge") or d.find_elements(By.ID, "error"))
    errors = driver.find_elements(By.ID, "error")
    assert not errors, errors[0].text
    return driver.find_element(By.CSS_SELECTOR, "#conclusion .overall .badge").text


def _row(driver, rule: str, aspect: str | None = None):
    """The row of a rule's finding (of one aspect when given: a target has a value and a population)."""
    from selenium.webdriver.common.by import By
    if aspect:
        return driver.find_element(By.XPATH, f"//tr[@id='{rule}-{aspect}']")
    return driver.find_element(By.XPATH, f"//table[@class='problems']//tr[.//a[text()='{rule}']]"
                                         f" | //tr[@id='{rule}-value' or starts-with(@id, '{rule}-')]")


def shown(browser, tmp_path) -> str:
    shot, page = tmp_path / "failure.png", tmp_path / "failure.html"
    try:
        browser.save_screenshot(str(shot))
        page.write_text(browser.page_source, encoding="utf-8")
        text = browser.find_element("tag name", "body").text[:1500]
    except Exception as exc:  # the browser itself is gone
        text = f"(browser not reachable: {type(exc).__name__})"
    return f"browser showed (screenshot {shot}, page {page}):\n{text}"


def test_upload_read_correct_and_check_again_in_a_browser(server, browser, tmp_path, capsys):
    try:
        _upload_read_correct_and_check_again(server, browser, tmp_path, capsys)
    except Exception as exc:
        raise AssertionError(f"{type(exc).__name__}: {exc}\n{shown(browser, tmp_path)}") from exc


def _upload_read_correct_and_check_again(server, browser, tmp_path, capsys):
    from selenium.webdriver.common.by import By
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tự kiểm tra kế hoạch công tác xã hội"
    browser.find_element(By.ID, "file").send_keys(str(docx))
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]"))

    assert _result(browser) == "CẦN XEM XÉT"
    t01 = _row(browser, "QD112-T01", "value")
    assert "ĐẠT" in t01.text and "KHÔNG ĐẠT" not in t01.text
    first = tmp_path / "web-result.png"
    browser.save_screenshot(str(first))

    # the 2025 staff-assignment target, read as 60 %, lowered to 50 % (the national minimum is 60 %)
    box = browser.find_element(By.ID, "plan")
    plan = box.get_property("value")
    start = plan.index('indicator: "staff_assignment"')
    value = plan.index("value: 60", start)
    box.click()
    browser.execute_script("arguments[0].value = arguments[1];", box, plan[:value] + "value: 50" + plan[value + 9:])
    _submit(browser, browser.find_element(By.ID, "recheck"))

    assert _result(browser) == "KHÔNG ĐẠT"
    assert "(đã sửa).yaml" in browser.find_element(By.ID, "conclusion").find_element(By.XPATH, "..").text
    t01 = _row(browser, "QD112-T01", "value")
    assert "KHÔNG ĐẠT" in t01.text and "50%" in t01.text
    second = tmp_path / "web-recheck.png"
    browser.save_screenshot(str(second))
    with capsys.disabled():
        print(f"\nscreenshots: {first} {second}")
    assert first.stat().st_size > 10_000 and second.stat().st_size > 10_000


def test_the_page_works_in_english_and_refuses_a_wrong_file_with_a_message(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    browser.get(server + "/?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Self-check of a social work plan"
    wrong = tmp_path / "anh.png"
    wrong.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    browser.find_element(By.ID, "file").send_keys(str(wrong))
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]"))
    assert "not of an accepted kind" in browser.find_element(By.ID, "error").text
