"""The interaction error recorder in a real browser, on a page served by request interception
(no target process): errors raised while a document loads are left to the load-time gate,
errors raised by a click are kept with the action that preceded them."""

from __future__ import annotations

from playwright.sync_api import Page, Route

from harness.capture.page_errors import PageErrorRecorder

HTML = """<!doctype html><title>t</title>
<script>window.onLoadOnly.boom();</script>
<button id="ok">fine</button><button id="bad">broken</button>
<a id="next" href="/next">next</a>
<script>
document.getElementById('bad').addEventListener('click', () => { window.analytics.track(); });
document.getElementById('ok').addEventListener('click', () => {});
</script>"""


def _serve(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html", body=HTML)


def test_click_errors_are_recorded_with_their_action_and_load_errors_are_not(page: Page):
    page.route("http://recorder.test/**", _serve)
    with PageErrorRecorder(page, "opening the page") as recorder:
        page.goto("http://recorder.test/start")
        recorder.action("a click on the fine button")
        page.click("#ok")
        recorder.action("a click on the broken button")
        page.click("#bad")
        recorder.action("a click on the link")
        page.click("#next")
        page.wait_for_url("**/next")
        page.wait_for_load_state("load")
    [error] = recorder.errors
    assert error.action == "a click on the broken button"
    assert error.message == ("uncaught: TypeError: Cannot read properties of undefined "
                             "(reading 'track')")
    assert error.url == "http://recorder.test/start"
