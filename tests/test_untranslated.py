"""No English on a Vietnamese page: every page of the demo (tests/page_walk.py walks the
registered routes, so a module merged later is covered) is rendered in Vietnamese, and any text
that is the source of a translated catalogue entry — an English msgid whose Vietnamese
translation differs — fails the test with the page and the words. It catches a label stored as
a msgid and shown without `_()` ("For: 12"), a template that forgets to translate, and a string
built in Python outside gettext that happens to be a msgid.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from labour_democracy.core.demo import DEMO_PASSWORD, load_demo
from labour_democracy.settings import PACKAGE_DIR
from tests.page_walk import EMAILS, demo_visits, unvisited_pages

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
# Words that are the same in Vietnamese pages on purpose, with the reason.
ALLOWED = {
    "English",  # the language picker names each language in its own words
    "Français",
}


def _source_texts() -> tuple[set[str], list[str]]:
    """(msgids without placeholders, msgids with placeholders) translated to something else."""
    plain: set[str] = set()
    formatted: set[str] = set()
    for path in sorted((PACKAGE_DIR / "locale" / "vi" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file, locale="vi")
        for message in catalogue:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for msgid in ids:
                if msgid in strings or not any(strings) or msgid in ALLOWED:
                    continue
                if not re.search(r"[A-Za-z]{2}", msgid):
                    continue
                (formatted if _PLACEHOLDER.search(msgid) else plain).add(msgid)
    return plain, sorted(set(formatted))


_INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "time", "br"}


class _Text(HTMLParser):
    """The words a person sees or hears: text nodes and the labelling attributes (`parts`),
    and the lines a reader reads, inline elements joined ("Đã công khai" + " ngày …")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skip = 0

    def _break(self, tag: str) -> None:
        if tag not in _INLINE and self._line:
            self.lines.append(" ".join(self._line))
            self._line = []

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name in _ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"])

    def handle_endtag(self, tag):
        self._break(tag)
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))
            self._line.append(" ".join(data.split()))


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


def read_lines(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser._break("p")
    return "\n".join(parser.lines)


# The same words twice in a row ("Đã công khai công khai", "tỉnh Bắc Ninh, Tỉnh Bắc Ninh"):
# a label joined to a value that already says it. Side by side: any phrase; across a comma,
# only a whole item of the list ("Không xác định thời hạn, Xác định thời hạn" names two things).
_REPEATED = (
    re.compile(r"(?i)(?<![\w])(\w+(?: \w+){1,3}) \1(?![\w])"),
    re.compile(r"(?i)(?:^|(?<=[,;:] ))(\w+(?: \w+){1,3})[,;] \1(?![\w])"),
)


def repeated_words(text: str) -> list[str]:
    return sorted(
        {
            match.group(0)
            for line in text.split("\n")
            for pattern in _REPEATED
            for match in pattern.finditer(line)
        }
    )


class Finder:
    def __init__(self) -> None:
        plain, formatted = _source_texts()
        # Sentences count wherever they stand; a single word only where it stands as a label
        # (a text of its own, or before a colon): a translation may name a thing in English
        # on purpose ("Unicode Text", the values "Male, Female" an import accepts).
        sentences = sorted((w for w in plain if " " in w.strip()), key=len, reverse=True)
        words = sorted((w for w in plain if " " not in w.strip()), key=len, reverse=True)
        self.sentences = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(w) for w in sentences) + r")(?![\w])"
        )
        self.words = re.compile(
            r"(?m)(?:^|(?<=[·,;|(] ))(" + "|".join(re.escape(w) for w in words) + r")(?=$|:)"
        )
        self.formatted = []
        for msgid in formatted:
            chunks = [c.strip() for c in _PLACEHOLDER.split(html.unescape(msgid))]
            longest = max(chunks, key=len)
            if len(re.findall(r"[A-Za-z]", "".join(chunks))) < 8:
                continue  # too little text of its own to tell English from data
            # Each piece a whole word ("to" is not the end of "sector").
            pattern = r".{0,120}?".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in chunks if c)
            self.formatted.append((longest, re.compile(pattern), msgid))

    def english(self, text: str) -> list[str]:
        found = set(self.sentences.findall(text)) | set(self.words.findall(text))
        for longest, pattern, msgid in self.formatted:
            if longest in text and pattern.search(text):
                found.add(msgid)
        return sorted(found)


@pytest.fixture(scope="module")
def finder() -> Finder:
    return Finder()


def test_repeated_words_are_seen():
    assert repeated_words("Đã công khai công khai") == ["công khai công khai"]
    assert repeated_words("phường Quế Võ, tỉnh Bắc Ninh, Tỉnh Bắc Ninh") == [
        "tỉnh Bắc Ninh, Tỉnh Bắc Ninh"
    ]
    assert repeated_words("Tán thành: 6 · Không tán thành: 1") == []
    assert repeated_words("Không xác định thời hạn, Xác định thời hạn, Mùa vụ") == []
    # A tag and the words after it read as one line.
    page = '<dd><span class="tag">Đã công khai</span> công khai ngày 05/12/2026</dd>'
    assert repeated_words(read_lines(page)) == ["công khai công khai"]


def test_the_finder_sees_an_english_label_in_vietnamese_text(finder):
    assert finder.english("Được thông qua\nFor: 12 · Against: 8") == ["Against", "For"]
    assert finder.english("Tán thành: 12 · Không tán thành: 8") == []
    assert "The vote is closed." not in finder.english("Cuộc biểu quyết đã kết thúc.")


async def test_no_page_of_the_demo_shows_english_in_vietnamese(app, browser_for, finder):
    await load_demo()
    visits = await demo_visits(app)
    assert len({v.route for v in visits}) > 50, "the walk lost its routes"
    assert unvisited_pages(app, visits) == [], "pages the walk does not visit"
    browsers = {}
    for who, email in EMAILS.items():
        browsers[who] = await browser_for(email, DEMO_PASSWORD)
        await browsers[who].post("/language", {"language": "vi"})
    browsers["anonymous"] = await browser_for()
    problems = []
    for visit in visits:
        response = await browsers[visit.who].get(visit.url)
        if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
            continue
        text = visible_text(response.text)
        words = finder.english(text)
        if words:
            problems.append(f"{visit.url} ({visit.who}): {words}")
        repeated = repeated_words(read_lines(response.text))
        if repeated:
            problems.append(f"{visit.url} ({visit.who}) repeats: {repeated}")
    assert not problems, "English or repeated words on Vietnamese pages:\n" + "\n".join(problems)
