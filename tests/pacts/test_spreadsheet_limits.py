"""Hostile uploads to the agenda import: each is a Dutch message on the form, nothing saved, and the import's peak
memory (measured with tracemalloc in this process, which runs the view) stays under 100 MB."""

import io
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacts.models import Action, AgendaImport
from pacts.spreadsheet import COLUMNS

pytestmark = pytest.mark.django_db

PEAK_LIMIT = 100 * 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Actieagenda" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = '<row r="1">' + "".join(inline(c) for c in COLUMNS) + "</row>"


def xlsx(sheet_xml: str | None = None, *, write_sheet=None, prolog: str = "") -> bytes:
    """A minimal workbook that openpyxl also opens; the sheet given whole, or written in pieces by write_sheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if write_sheet is None:
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                write_sheet(part)
    return out.getvalue()


def import_measured(client, pact, name, content):
    tracemalloc.start()
    try:
        response = client.post(
            f"/werkruimte/pacten/{pact.slug}/importeren/", {"file": SimpleUploadedFile(name, content)}
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.0f} MB"
    return response


def refused(response, pact, *dutch):
    assert response.status_code == 400
    message = response.context["file_error"]
    for words in dutch:
        assert words in message, message
    assert words in response.content.decode()
    assert not Action.objects.filter(pact=pact).exists()
    assert not AgendaImport.objects.exists()
    return message


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_workbook_declaring_every_cell_is_refused_at_once(signed_in, pact):
    sheet = SHEET_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER_ROW + "</sheetData></worksheet>"
    content = xlsx(sheet)
    assert len(content) < 2_000
    refused(import_measured(signed_in, pact, "bom.xlsx", content), pact, "1048576 rijen en 16384 kolommen")


def test_a_cell_far_to_the_right_or_down_is_refused_without_padding(signed_in, pact):
    wide = (
        SHEET_HEAD
        + "<sheetData>"
        + HEADER_ROW
        + '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )
    refused(import_measured(signed_in, pact, "wide.xlsx", xlsx(wide)), pact, "Rij 2 heeft meer dan 30 kolommen")
    deep = (
        SHEET_HEAD + "<sheetData>" + HEADER_ROW + '<row r="1048576">' + inline("x") + "</row></sheetData></worksheet>"
    )
    refused(import_measured(signed_in, pact, "deep.xlsx", xlsx(deep)), pact, "Maximaal 10000 rijen per import")


def bomb_sheet(part, megabytes=200):
    cell = inline("A" * 1_000)
    row = "<row>" + cell * 10 + "</row>"  # 10 KB of text per row
    part.write((SHEET_HEAD + "<sheetData>" + HEADER_ROW).encode())
    chunk = (row * 100).encode()  # about 1 MB
    for _ in range(megabytes):
        part.write(chunk)
    part.write(b"</sheetData></worksheet>")


def test_a_deflate_bomb_is_refused_before_inflating(signed_in, pact):
    content = xlsx(write_sheet=bomb_sheet)
    assert len(content) < 5 * 1024 * 1024  # under the upload limit: the compressed size says nothing
    assert zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/worksheets/sheet1.xml").file_size > 200_000_000
    refused(import_measured(signed_in, pact, "bom.xlsx", content), pact, "pakt uit tot meer dan 40 MB")


def lie_about_size(content: bytes, member: str, size: int) -> bytes:
    """Rewrite the central directory entry of one member to claim `size` inflated bytes (its data stays as it is)."""
    data = bytearray(content)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[position + 28 : position + 34])
        if bytes(data[position + 46 : position + 46 + name_len]).decode() == member:
            struct.pack_into("<I", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 46 + name_len + extra_len + comment_len)
    return bytes(data)


def test_a_deflate_bomb_that_lies_about_its_size_is_cut_off_while_inflating(signed_in, pact):
    content = lie_about_size(xlsx(write_sheet=bomb_sheet), "xl/worksheets/sheet1.xml", 1_000_000)
    assert zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/worksheets/sheet1.xml").file_size == 1_000_000
    refused(import_measured(signed_in, pact, "bom.xlsx", content), pact, "geen leesbaar XLSX-bestand")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.mark.parametrize(
    "sheet",
    [
        pytest.param(
            BILLION_LAUGHS + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<sheetData>" + HEADER_ROW + "<row>" + inline("&lol9;") + "</row></sheetData></worksheet>",
            id="billion-laughs",
        ),
        pytest.param(
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + HEADER_ROW
            + "<row>"
            + inline("&xxe;")
            + "</row></sheetData></worksheet>",
            id="xxe",
        ),
    ],
)
def test_entities_and_dtds_are_refused(signed_in, pact, sheet):
    refused(import_measured(signed_in, pact, "x.xlsx", xlsx(sheet)), pact, "XML die hier niet is toegestaan")


def test_a_cut_off_worksheet_is_a_message(signed_in, pact):
    # with a dimension, openpyxl left the sheet unparsed until the rows were read, outside the old `try`: a 500
    whole = (
        SHEET_HEAD
        + '<dimension ref="A1:O2"/><sheetData>'
        + HEADER_ROW
        + "<row>"
        + inline("Praktijkroute")
        + "</row></sheetData></worksheet>"
    )
    refused(
        import_measured(signed_in, pact, "x.xlsx", xlsx(whole[: len(whole) - 40])), pact, "geen leesbaar XLSX-bestand"
    )


def test_a_long_cell_is_refused_while_it_is_read(signed_in, pact):
    sheet = (
        SHEET_HEAD + "<sheetData>" + HEADER_ROW + '<row r="2">' + inline("A" * 5_000) + "</row></sheetData></worksheet>"
    )
    refused(import_measured(signed_in, pact, "x.xlsx", xlsx(sheet)), pact, "Rij 2, kolom 1 bevat meer dan 2000 tekens")


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join([",".join(COLUMNS), *lines]) + "\n").encode()


@pytest.mark.parametrize(
    "content, dutch",
    [
        pytest.param(csv_bytes("Praktijk\rroute,running"), "regeleinde buiten aanhalingstekens", id="bare-cr"),
        pytest.param(csv_bytes('"' + "A" * 140_000 + '",running'), "een cel is te lang", id="over-field-size-limit"),
        pytest.param(csv_bytes("A" * 3_000 + ",running"), "Rij 2, kolom 1 bevat meer dan 2000 tekens", id="long-cell"),
        pytest.param(csv_bytes("A," * 40), "Rij 2 heeft meer dan 30 kolommen", id="wide-row"),
        pytest.param(csv_bytes(*["A,running"] * 10_001), "Maximaal 10000 rijen per import", id="too-many-rows"),
    ],
)
def test_broken_csv_files_are_a_message(signed_in, pact, content, dutch):
    refused(import_measured(signed_in, pact, "x.csv", content), pact, dutch)


def test_a_normal_xlsx_with_shared_strings_and_dates_still_imports(signed_in, pact):
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append(
        [
            "Praktijkroute",
            "running",
            datetime.date(2018, 1, 1),
            None,
            "ja",
            "Studenten",
            "output",
            "",
            0,
            40,
            None,
            "up",
            datetime.date(2018, 6, 1),
            -5,
            "negatief mag",
        ]
    )
    out = io.BytesIO()
    workbook.save(out)
    response = import_measured(signed_in, pact, "a.xlsx", out.getvalue())
    assert response.status_code == 200, response.context.get("file_error")
    assert signed_in.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"confirm": "1"}).status_code == 302
    action = Action.objects.get(pact=pact)
    assert action.starts_on == datetime.date(2018, 1, 1)
    measurement = action.indicators.get().measurements.get()
    assert (measurement.measured_on, measurement.value) == (datetime.date(2018, 6, 1), -5)
