"""Every form that refuses says why on the field and keeps what was typed (issue 13, item 2).

Walks every page of the route walk (tests/test_route_scope.py) that HR or the administrator
can open in a seeded enterprise, finds each form posted back to the app, and sends it as the
page drew it with one field made wrong ("31/02/2026" is no date, "12abc" no number, a required
box left empty) and every other empty text box filled in. The answer must be a 422 page with
the wrong field marked (`aria-invalid` and its message) and every other text the person typed
still in its box. A form added tomorrow is covered without anyone writing a test.
"""

from __future__ import annotations

import html

import pytest
from lxml import html as lxml_html

from labour_democracy.core.tables import Role
from tests import factories
from tests.route_samples import SAMPLES
from tests.test_route_scope import ENDPOINTS, Endpoint, _person

WRONG = {"date": "31/02/2026", "number": "12abc", "required": ""}
TYPED = "Nội dung đã gõ 7"
# Forms that are not a round trip of typed input, each with its reason.
NOT_ROUND_TRIPS = {
    # The language switch in every page's header: a select, redirected back.
    "/language",
    "/logout",
}


def _pages() -> list[Endpoint]:
    return [
        e
        for e in ENDPOINTS
        if e.method == "GET" and not e.is_api and not e.path.endswith((".docx", ".pdf", ".ics"))
    ]


def _fields(form) -> tuple[dict[str, object], dict[str, str]]:
    """The values the browser would send, and the kind of each typed field."""
    data: dict[str, object] = {}
    kinds: dict[str, str] = {}
    for element in form.xpath(".//input|.//select|.//textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "textarea":
            data[name] = element.text or ""
            kinds[name] = "required" if element.get("required") is not None else "text"
        elif element.tag == "select":
            chosen = [o.get("value", o.text or "") for o in element.xpath(".//option[@selected]")]
            if not chosen:
                options = element.xpath(".//option")
                chosen = [options[0].get("value", options[0].text or "")] if options else []
            if element.get("multiple") is not None:
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    data[name] = element.get("value", "on")
            elif kind in ("submit", "button", "file", "search"):
                continue
            else:
                data[name] = element.get("value", "")
                if kind in ("date", "number"):
                    kinds[name] = kind
                elif kind in ("text", "") and name != "_csrf_token":
                    kinds[name] = "required" if element.get("required") is not None else "text"
    return data, kinds


@pytest.fixture
async def people(browser_for):
    enterprise = await factories.enterprise("Công ty A", province="24")
    await _person("hr@a.test", Role.HR, enterprise, None)
    await _person("admin@x.test", Role.ADMIN, None, None)
    return enterprise, {
        "hr": await browser_for("hr@a.test"),
        "admin": await browser_for("admin@x.test"),
    }


async def test_every_refused_form_marks_its_field_and_keeps_the_input(people):
    enterprise, browsers = people
    samples: dict[str, int] = {}
    tried: set[tuple[str, str]] = set()
    failures: list[str] = []
    for endpoint in _pages():
        for name in endpoint.params:
            if name not in samples:  # one record of each kind, shared by every page
                samples[name] = await SAMPLES[name](enterprise)
        ids = {name: samples[name] for name in endpoint.params}
        url = endpoint.url(ids)
        browser = browsers["hr" if endpoint.allows(Role.HR) else "admin"]
        page = await browser.get(url)
        if page.status_code != 200 or "text/html" not in page.headers.get("content-type", ""):
            continue
        document = lxml_html.fromstring(page.text)
        for form in document.xpath("//form[translate(@method,'POST','post')='post']"):
            action = form.get("action") or url
            if not action.startswith("/") or action in NOT_ROUND_TRIPS:
                continue
            data, kinds = _fields(form)
            for name, kind in kinds.items():
                if kind == "text" or (action, name) in tried:
                    continue
                tried.add((action, name))
                sent = {
                    k: (TYPED if kinds.get(k) in ("text", "required") and not v else v)
                    for k, v in data.items()
                }
                sent[name] = WRONG[kind]
                # A field read only under a choice (an advanced fraction under "custom")
                # is tried with that choice made: `data-when="choice=value"` on its frame.
                for condition in form.xpath(f".//*[@name='{name}']/ancestor::*[@data-when]"):
                    chooser, _, value = condition.get("data-when").partition("=")
                    sent[chooser] = value
                response = await browser.post(action, sent)
                where = f"{action} ({name}, from {url})"
                if response.status_code != 422:
                    failures.append(f"{where}: {response.status_code}, not 422")
                    continue
                answer = lxml_html.fromstring(response.text)
                marked = answer.xpath(f"//*[@name='{name}' and @aria-invalid='true']")
                if not marked:
                    failures.append(f"{where}: the field is not marked")
                    continue
                described = (marked[0].get("aria-describedby") or "").split()
                if not any(
                    answer.xpath(f"//*[@id='{i}' and @class='field-error']") for i in described
                ):
                    failures.append(f"{where}: the field has no message")
                kept = html.unescape(response.text)
                lost = [
                    k
                    for k in kinds
                    if k != name and kinds[k] in ("text", "required") and str(sent[k]) not in kept
                ]
                if lost:
                    failures.append(f"{where}: lost what was typed in {', '.join(lost)}")
    print(f"{len(tried)} form fields tried")
    assert len(tried) >= 10, f"the walk found only {len(tried)} form fields to try"
    assert not failures, "\n".join(failures)
