"""`labour-democracy documents build`: (re)write the shipped .docx templates.

Each template is made by its module's builder (see layout.py and the modules' documents.py),
so the committed binaries always match the code. Run it after changing a builder and commit
the files it writes. A deployment adapts a template by copying the file into
LD_TEMPLATE_DIR/documents/ and editing it there.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

from labour_democracy.documents.registry import templates
from labour_democracy.settings import get_settings

# A fixed timestamp inside the zip, so rebuilding an unchanged template changes no bytes.
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def reproducible(docx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _without_dates(data)
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return output.getvalue()


def _without_dates(core: bytes) -> bytes:
    tree = etree.fromstring(core)
    for element in list(tree):
        if etree.QName(element).localname in {"created", "modified", "lastPrinted"}:
            tree.remove(element)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_all(root: Path) -> list[Path]:
    written = []
    for path, template in templates().items():
        buffer = io.BytesIO()
        template.build().save(buffer)
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(reproducible(buffer.getvalue()))
        written.append(target)
    return written


def main() -> None:
    from labour_democracy.manifest import installed

    try:
        installed()
    except RuntimeError:  # run as a script: the modules are installed by the command line
        sys.exit("Run `labour-democracy documents build`: it installs the modules first.")
    for path in build_all(get_settings().document_templates):
        sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
