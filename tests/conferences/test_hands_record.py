"""A show of hands has its own vote-count record: counted by the two tellers, hands per option
against those present, no ballots issued and no receipts' fingerprint, the tellers and the
chairs named and signing."""

from __future__ import annotations

from labour_democracy.documents import checks, engine
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting.tables import Ballot
from tests.conferences.conftest import published_soe


async def test_the_show_of_hands_minutes_name_the_tellers_and_count_hands_against_those_present():
    context, _conference = await published_soe(symbol="HND")
    ballot = await Ballot.objects().where(Ballot.enterprise == context.enterprise_id).first()
    document = await IssuedDocument.objects().where(IssuedDocument.id == ballot.minutes).first()
    text = checks.all_text(document.content).replace(engine.NBSP, " ")
    assert "Kiểm biểu quyết giơ tay" in text
    assert "Hôm nay, vào lúc " in text and "hình thức giơ tay" in text
    assert "Tổ kiểm phiếu gồm: Ông/Bà Phạm Văn D, Ông/Bà Hoàng Thị E." in text
    assert "Số người giơ tay" in text
    assert "6/6 đại biểu có mặt = 100,00 %" in text
    assert "Số phiếu đã phát" not in text and "phiếu thu về" not in text
    assert "SHA-256" not in text
    assert "Kết quả được công bố lúc" in text and "lập thành 02 bản" in text
    lines = checks.paragraph_texts(document.content)
    assert lines.count("NGƯỜI KIỂM PHIẾU") == 2 and lines.count("CHỦ TRÌ") == 2
    for name in ("Phạm Văn D", "Hoàng Thị E"):
        assert name in lines  # a name under each signature
    assert "TRƯỞNG BAN" not in text
