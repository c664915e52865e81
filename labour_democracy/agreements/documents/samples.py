"""Sample records and contexts of the agreements' documents, for `check-templates` and tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.agreements.documents import contexts
from labour_democracy.agreements.tables import Agreement, AgreementKind, BargainingSession
from labour_democracy.core.tables import Enterprise, Representation
from labour_democracy.documents import services as issuing


def sample_enterprise() -> Enterprise:
    return Enterprise(
        _ignore_missing=True,
        id=1,
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        legal_representative="Nguyễn Văn An",
        legal_representative_title="Giám đốc",
        representation=Representation.GRASSROOTS_UNION,
        representative_body="Công đoàn cơ sở Công ty TNHH May Sông Hồng",
    )


def sample_head() -> issuing.Letterhead:
    return issuing.Letterhead("CÔNG TY TNHH MAY SÔNG HỒNG", "Nam Định", "Nguyễn Văn An", "Giám đốc")


def sample_agreement() -> Agreement:
    return Agreement(
        _ignore_missing=True,
        id=1,
        kind=AgreementKind.NEW,
        title="Thỏa ước lao động tập thể năm 2026",
        requested_by="cba_workers",
        request_contents="Tiền lương tối thiểu\nThời giờ làm thêm",
        received_on=dt.date(2026, 3, 2),
        signed_on=dt.date(2026, 5, 4),
        effective_on=dt.date(2026, 6, 1),
        expires_on=dt.date(2028, 5, 31),
        term_months=24,
        employer_signer="Nguyễn Văn An",
        workers_signer="Trần Thị Bình",
    )


SAMPLE_TEXT = [
    {
        "number": 1,
        "title": "Quy định chung",
        "title_en": "General provisions",
        "articles": [
            {
                "number": 1,
                "title": "Phạm vi",
                "title_en": "Scope",
                "text": "Thỏa ước áp dụng cho toàn bộ người lao động.",
                "text_en": "The agreement applies to all workers.",
            },
        ],
    },
    {
        "number": 2,
        "title": "Tiền lương",
        "title_en": "Wages",
        "articles": [
            {
                "number": 2,
                "title": "Mức lương thấp nhất",
                "title_en": "Lowest wage",
                "text": "Mức lương thấp nhất là 5.600.000 đồng/tháng.",
                "text_en": "",
            },
        ],
    },
]


def _numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    """A sample as issued: `documents.services.issue` fills the number of a real one."""
    context["header"]["reference"] = reference
    return context


def sample_request() -> dict[str, Any]:
    return _numbered(
        contexts.request_context(
            sample_enterprise(), sample_head(), sample_agreement(), dt.date(2026, 3, 2)
        ),
        "01/CV-SHVN",
    )


def sample_minutes() -> dict[str, Any]:
    session = BargainingSession(
        _ignore_missing=True, number=1, held_on=dt.date(2026, 3, 20), place="Hội trường",
        minute_taker="Lê Văn Cường", notes="Hai bên trình bày đề xuất.",
    )  # fmt: skip
    members = [
        {"full_name": "Nguyễn Văn An", "title": "Giám đốc", "side": "cba_employer", "leads": True},
        {"full_name": "Trần Thị Bình", "title": "Chủ tịch CĐCS", "side": "cba_workers",
         "leads": True},
    ]  # fmt: skip
    return _numbered(contexts.minutes_context(
        sample_enterprise(), sample_head(), sample_agreement(), session, members,
        ["Điều 1. Phạm vi"], ["Điều 2. Mức lương thấp nhất"],
    ), "01/BB-SHVN")  # fmt: skip


def sample_agreement_context() -> dict[str, Any]:
    return _numbered(
        contexts.agreement_context(
            sample_enterprise(), sample_head(), sample_agreement(), SAMPLE_TEXT, bilingual=True
        ),
        "01/BTT-SHVN",
    )


def sample_notice() -> dict[str, Any]:
    return _numbered(contexts.publication_context(
        sample_enterprise(), sample_head(), sample_agreement(), "số 01/BTT-SHVN",
        dt.date(2026, 5, 5), "http://localhost/p/abc",
    ), "01/TB-SHVN")  # fmt: skip
