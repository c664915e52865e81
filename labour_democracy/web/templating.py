"""The Jinja environment: translations, locale-aware filters, template overrides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, pass_context
from litestar.plugins.jinja import JinjaTemplateEngine as Engine
from litestar.template.config import TemplateConfig

from labour_democracy import i18n
from labour_democracy.core.labels import choices, label
from labour_democracy.core.rules import VSIC_SECTIONS
from labour_democracy.core.tables import (
    ContractType,
    Gender,
    OrgUnitKind,
    Ownership,
    Representation,
    Role,
)
from labour_democracy.settings import LANGUAGES, get_settings
from labour_democracy.web.addresses import printed_base_url
from labour_democracy.web.menu import enterprise_menu


def _search_path() -> list[Path]:
    settings = get_settings()
    # A deployment's own copies (LD_TEMPLATE_DIR/html) win over the shipped ones.
    overrides = [settings.template_dir / "html"] if settings.template_dir else []
    return [*overrides, settings.html_templates]


TEMPLATE_ENUMS = (Ownership, Representation, OrgUnitKind, Gender, ContractType, Role)


def options(rows, value_key: str = "id", text_key: str = "name") -> list[tuple]:
    """(value, text) pairs for a <select> from query rows."""
    return [(row[value_key], row[text_key]) for row in rows]


def unit_options(tree) -> list[tuple]:
    """Org units as <select> options, indented by depth."""
    return [(node.id, " " * node.depth + node.name) for node in tree]


def _per_render(function: Callable) -> Callable:
    """The filter run at every render. Jinja computes a filter of a literal (`"paper_box" |
    label`) once, when it compiles the template, in the language of whichever request came
    first; it never does so for a filter that takes the context."""

    @pass_context
    def run(_context, *args, **kwargs):
        return function(*args, **kwargs)

    return run


def build_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_search_path()),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        date=_per_render(i18n.format_date),
        datetime=_per_render(i18n.format_datetime),
        number=_per_render(i18n.format_number),
        percent=_per_render(i18n.format_percentage),
        label=_per_render(label),
    )
    env.globals.update(
        LANGUAGES=LANGUAGES,
        LANGUAGE_NAMES=i18n.LANGUAGE_NAMES,
        current_language=i18n.current_language,
        choices=choices,
        label=label,
        enterprise_menu=enterprise_menu,
        options=options,
        unit_options=unit_options,
        sector_options=lambda: [(letter, letter) for letter in VSIC_SECTIONS],
        printed_base_url=printed_base_url,
        **{enum.__name__: enum for enum in TEMPLATE_ENUMS},
    )
    return env


def template_config() -> TemplateConfig:
    return TemplateConfig(instance=Engine.from_environment(build_environment()))
