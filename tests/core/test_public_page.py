from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.web import public
from tests import factories
from tests.helpers import installed_only


async def test_workers_reach_the_public_page_without_an_account(browser_for):
    enterprise = await factories.enterprise(name="Công ty TNHH Hoa Mai")
    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]
    assert len(token) >= 16
    worker = await browser_for()
    page = await worker.get(f"/p/{token}")
    assert page.status_code == 200 and "Công ty TNHH Hoa Mai" in page.text
    assert (await worker.get("/p/not-a-token")).status_code == 404
    assert enterprise


async def test_each_enterprise_gets_its_own_unguessable_token():
    await factories.enterprise(name="A")
    await factories.enterprise(name="B")
    tokens = {row["public_token"] for row in await Enterprise.select(Enterprise.public_token)}
    assert len(tokens) == 2


async def test_modules_add_sections_to_the_public_page(browser_for):
    await factories.enterprise()
    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]

    async def load(enterprise):
        return {"greeting": f"Xin chào {enterprise.name}"}

    section = public.PublicSection("_partials/error_message.html", load, 1)
    worker = await browser_for()
    with installed_only(public_sections=[section]):
        page = await worker.get(f"/p/{token}")
    assert "error" in page.text  # the declared fragment was rendered


async def test_the_poster_shows_the_address_and_its_qr_code(browser_for):
    enterprise = await factories.enterprise()
    await factories.user("union@a.vn", Role.UNION, enterprise)
    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]
    page = await (await browser_for("union@a.vn")).get(f"/enterprises/{enterprise}/public-page")
    assert page.status_code == 200
    assert f"/p/{token}" in page.text and "<svg" in page.text
