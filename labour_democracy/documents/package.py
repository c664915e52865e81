"""A template's package opened for one render, as `docx.Document(...)` opens it, but without
parsing and writing out again the part no render changes and that outweighs all the others:
the styles (the Decree 30 templates carry python-docx's 350 kB of them, more than the XML of
a 40-page agreement). They are parsed only if something reads them, and written back as they
were read.

The package's parts and relationships are read from the template's bytes once per content
(`PackageReader` is only ever read from); every render builds its own parts from them, so two
renders share no mutable state.
"""

from __future__ import annotations

import io
from functools import lru_cache

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart
from lxml import etree

# How many templates' contents each per-template cache keeps (here the read packages, in
# engine.py the files' bytes and their variables): more than the app's templates (~28), so
# every one stays cached, with room for a deployment's overrides and edited versions.
CACHED_TEMPLATES = 64


def open_document(source: bytes) -> Document:
    """A new python-docx document holding the package `source` (a .docx file's bytes)."""
    package = Package()
    Unmarshaller.unmarshal(_reader(source), package, _part)
    part = package.main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word file: the content type is {part.content_type!r}")
    return part.document


@lru_cache(maxsize=CACHED_TEMPLATES)
def _reader(source: bytes) -> PackageReader:
    return PackageReader.from_file(io.BytesIO(source))


def _part(partname: PackURI, content_type: str, reltype: str, blob: bytes, package) -> Part:
    if content_type == CT.WML_STYLES:
        return _Styles(partname, content_type, blob, package)
    return PartFactory(partname, content_type, reltype, blob, package)


class _Styles(StylesPart):
    """The styles part, parsed when first read."""

    def __init__(self, partname: PackURI, content_type: str, blob: bytes, package) -> None:
        Part.__init__(self, partname, content_type, package=package)
        self._source = blob
        self._parsed: etree._Element | None = None

    @property
    def _element(self) -> etree._Element:  # what XmlPart reads and writes through
        if self._parsed is None:
            self._parsed = parse_xml(self._source)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._source if self._parsed is None else serialize_part_xml(self._parsed)
