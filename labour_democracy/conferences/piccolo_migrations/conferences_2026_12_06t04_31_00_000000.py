"""Timeline steps and agenda items made from the catalogue are stored by key, not in the words
of whoever planned the conference: a title (or owner) that is the catalogue's own words in
Vietnamese, English or French becomes empty, so it is translated when shown and a document
prints it in Vietnamese. Text a user typed is kept.

Self-contained: the catalogue's words are copied here as they stood when this migration was
written (a later change of the catalogue must not change what this migration does)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Varchar
from piccolo.table import Table

ID = "2026-12-06T04:31:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "conference steps and agenda items stored by key"

# key: ((title in vi, en, fr), (owner in vi, en, fr))
STEPS = {
    "plan": (
        (
            "Ban hành kế hoạch tổ chức hội nghị",
            "Adopt the conference plan",
            "Adopter le plan de la conférence",
        ),
        ("Người sử dụng lao động và công đoàn", "Employer and union", "Employeur et syndicat"),
    ),
    "report_business": (
        (
            "Báo cáo kết quả sản xuất, kinh doanh",
            "Report on business results",
            "Rapport sur les résultats de l'activité",
        ),
        ("Người sử dụng lao động", "Employer", "Employeur"),
    ),
    "report_contracts": (
        (
            "Báo cáo thực hiện hợp đồng lao động và thỏa ước lao động tập thể",
            "Report on labour contracts and the collective agreement",
            "Rapport sur les contrats de travail et la convention collective",
        ),
        ("Người sử dụng lao động và công đoàn", "Employer and union", "Employeur et syndicat"),
    ),
    "report_rules": (
        (
            "Báo cáo thực hiện nội quy, quy chế",
            "Report on the internal rules",
            "Rapport sur le règlement intérieur",
        ),
        ("Người sử dụng lao động", "Employer", "Employeur"),
    ),
    "report_resolution": (
        (
            "Báo cáo thực hiện nghị quyết hội nghị trước",
            "Report on the previous resolution",
            "Rapport sur la résolution précédente",
        ),
        ("Người sử dụng lao động và công đoàn", "Employer and union", "Employeur et syndicat"),
    ),
    "report_dialogue": (
        (
            "Báo cáo kết quả đối thoại",
            "Report on dialogue results",
            "Rapport sur les résultats du dialogue",
        ),
        ("Công đoàn", "Union", "Syndicat"),
    ),
    "unit_conferences": (
        (
            "Tổ chức hội nghị cấp đơn vị",
            "Hold the unit-level conferences",
            "Tenir les conférences des unités",
        ),
        ("Công đoàn", "Union", "Syndicat"),
    ),
    "delegates": (
        ("Bầu đại biểu", "Elect the delegates", "Élire les délégués"),
        ("Công đoàn", "Union", "Syndicat"),
    ),
    "documents_sent": (
        (
            "Gửi tài liệu cho đại biểu",
            "Send the documents to the delegates",
            "Envoyer les documents aux délégués",
        ),
        ("Người sử dụng lao động", "Employer", "Employeur"),
    ),
    "conference": (
        ("Tổ chức hội nghị", "Hold the conference", "Tenir la conférence"),
        ("Người sử dụng lao động và công đoàn", "Employer and union", "Employeur et syndicat"),
    ),
    "publish": (
        ("Công khai nghị quyết", "Publish the resolution", "Publier la résolution"),
        ("Người sử dụng lao động", "Employer", "Employeur"),
    ),
}

# key: title in vi, en, fr
ITEMS = {
    "opening": (
        "Khai mạc, giới thiệu đại biểu và đoàn chủ tịch",
        "Opening, introduction of delegates and the presidium",
        "Ouverture, présentation des délégués et du bureau",
    ),
    "report_business": (
        "Báo cáo kết quả sản xuất, kinh doanh và kế hoạch năm tới",
        "Report on business results and next year's plan",
        "Rapport sur les résultats de l'activité et le plan de l'année suivante",
    ),
    "report_contracts": (
        "Báo cáo thực hiện hợp đồng lao động, thỏa ước lao động tập thể và nội quy, quy chế",
        "Report on labour contracts, the collective agreement and internal rules",
        "Rapport sur les contrats de travail, la convention collective et le règlement intérieur",
    ),
    "report_resolution": (
        "Báo cáo thực hiện nghị quyết hội nghị năm trước",
        "Report on the previous year's resolution",
        "Rapport sur la résolution de l'année précédente",
    ),
    "report_dialogue": (
        "Báo cáo đối thoại tại nơi làm việc",
        "Report on workplace dialogue",
        "Rapport sur le dialogue sur le lieu de travail",
    ),
    "discussion": (
        "Thảo luận và trả lời kiến nghị của người lao động",
        "Discussion and answers to workers' proposals",
        "Débat et réponses aux propositions des salariés",
    ),
    "dialogue_representatives": (
        "Bầu thành viên đại diện người lao động tham gia đối thoại",
        "Election of the worker dialogue representatives",
        "Élection des représentants des salariés au dialogue",
    ),
    "resolution": (
        "Thông qua nghị quyết hội nghị",
        "Adoption of the conference resolution",
        "Adoption de la résolution de la conférence",
    ),
    "closing": ("Bế mạc", "Closing", "Clôture"),
    "inspection_board": (
        "Bầu Ban Thanh tra nhân dân",
        "Election of the People's Inspection Board",
        "Élection du Comité d'inspection populaire",
    ),
}


class Step(Table, tablename="conference_step"):
    key = Varchar(length=30)
    title = Varchar(length=300)
    owner = Varchar(length=255)


class Item(Table, tablename="conference_agenda_item"):
    key = Varchar(length=30)
    title = Varchar(length=500)


async def to_keys() -> int:
    """Empty every title and owner that is the catalogue's words for its key; returns how many
    rows changed."""
    changed = 0
    for row in await Step.select(Step.id, Step.key, Step.title, Step.owner):
        titles, owners = STEPS.get(row["key"], ((), ()))
        values = {}
        if row["title"] and row["title"].strip() in titles:
            values[Step.title] = ""
        if row["owner"] and row["owner"].strip() in owners:
            values[Step.owner] = ""
        if values:
            await Step.update(values).where(Step.id == row["id"])
            changed += 1
    for row in await Item.select(Item.id, Item.key, Item.title):
        if row["title"] and row["title"].strip() in ITEMS.get(row["key"], ()):
            await Item.update({Item.title: ""}).where(Item.id == row["id"])
            changed += 1
    return changed


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="conferences", description=DESCRIPTION)
    manager.add_raw(to_keys)
    # Backwards there is nothing to undo: an empty title shows the catalogue's words either way.
    return manager
