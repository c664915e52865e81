import pytest

from labour_democracy import i18n


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; pages get English through the language switch."""
    with i18n.language("en"):
        yield
