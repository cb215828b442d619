"""Reading an uploaded CSV or XLSX file without trusting it: streaming, with hard limits checked while reading.

An XLSX file is a zip of XML parts. openpyxl's reader (also in read-only mode) pads every row to the declared
width, builds each row's whole element tree before anyone can look at it and loads all shared strings into an
index without limits, so a 2 KB file can claim gigabytes. This reader therefore parses the few parts it needs
itself, as a SAX stream through defusedxml (no DTDs, no entities: billion laughs and XXE are refused), and stops
at the first limit it meets:

- zip: number of parts, each part's declared uncompressed size and compression ratio (checked before inflating),
  and the bytes actually inflated, counted while reading (a part whose header lies is cut off there);
- sheet: the declared dimension, the row number, the column of every cell and the length of every text, as each
  is read, so nothing is padded and nothing grows with what the file claims.

Every way a file can be broken becomes `SheetError` with a Dutch message for the form (never a 500).
openpyxl is used only for its number-format and date helpers.
"""

import csv
import datetime
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser
from django.utils.translation import gettext as _


class SheetError(Exception):
    """The file cannot be read; the message says why, for the person who uploaded it."""


@dataclass(frozen=True)
class Limits:
    rows: int = 10_001  # the header and 10,000 rows
    columns: int = 30
    cell_chars: int = 2_000
    part_bytes: int = 20 * 1024 * 1024  # one inflated XML part
    total_bytes: int = 40 * 1024 * 1024  # all inflated parts together
    ratio: int = 100  # inflated / compressed, for parts over ratio_from bytes
    ratio_from: int = 1024 * 1024
    parts: int = 1_000


LIMITS = Limits()
CHUNK = 64 * 1024


def read_rows(name: str, content: bytes, limits: Limits = LIMITS) -> Iterator[tuple[int, list]]:
    """(row number, values) for each non-empty row of the first sheet, the header first. Lazy: raises SheetError
    while iterating, as soon as the file breaks a limit or turns out to be unreadable."""
    if name.lower().endswith(".xlsx"):
        return (row for _sheet, *row in _xlsx_rows(content, limits, None))
    return _csv_rows(content, limits)


XLSX_BYTES_PER_ROW = 250  # a worksheet row of a few cells, as spreadsheet programs write it


def estimated_rows(name: str, content: bytes) -> int:
    """About how many rows a file holds, without reading it: the lines of a CSV file, or the declared size of an
    XLSX file's worksheets over a typical row's size (0 when the zip cannot be opened: reading it will say why)."""
    if not name.lower().endswith(".xlsx"):
        return content.count(b"\n")
    try:
        infos = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return 0
    return sum(i.file_size for i in infos if i.filename.startswith("xl/worksheets/")) // XLSX_BYTES_PER_ROW


def precheck(name: str, content: bytes, limits: Limits = LIMITS) -> None:
    """The cheap half of reading, for a file that will be read later (by the worker): a CSV file is read through
    with every limit (the csv module is fast); of an XLSX file the zip is checked and every part inflated, counted,
    without parsing it, so a bomb (also one that lies about its size) is refused now. Raises SheetError."""
    if not name.lower().endswith(".xlsx"):
        for _row in _csv_rows(content, limits):
            pass
        return
    archive = _open(content, limits)
    budget = _Budget(limits)

    def inflate():
        for info in archive.infolist():
            for _chunk in budget.chunks(archive, info.filename):
                pass

    _guarded(inflate)


def sheet_names(name: str, content: bytes, limits: Limits = LIMITS) -> list[str]:
    """The names of an XLSX file's sheets in their order ([] for a CSV file); reads only the workbook part."""
    if not name.lower().endswith(".xlsx"):
        return []
    archive = _open(content, limits)
    return _guarded(lambda: _read_part(archive, "xl/workbook.xml", _WorkbookHandler(), _Budget(limits)).names)


def read_sheets(
    name: str, content: bytes, sheets: list[str], limits: Limits = LIMITS
) -> Iterator[tuple[str | None, int, list]]:
    """(sheet name, row number, values) for each non-empty row of the named sheets (compared without case), sheet
    after sheet in the file's order, each sheet's header first; a CSV file is one sheet without a name. Every sheet
    has the row and column limits; the inflated bytes are counted over all of them together."""
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content, limits, [s.casefold() for s in sheets])
    return ((None, number, values) for number, values in _csv_rows(content, limits))


# --- CSV -----------------------------------------------------------------------------------------------------------


def _csv_rows(content: bytes, limits: Limits) -> Iterator[tuple[int, list]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(_("The CSV file is not UTF-8 text.")) from error
    reader = csv.reader(io.StringIO(text.replace("\x00", "")))
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SheetError(
                _(
                    "The CSV file cannot be read after row %(row)d: a cell is too long or holds a line break outside "
                    "quotes. Save the file again from your spreadsheet program as CSV (UTF-8)."
                )
                % {"row": number}
            ) from error
        number += 1
        _check_row(number, len(values), limits)
        for column, value in enumerate(values, start=1):
            _check_cell(number, column, len(value), limits)
        if any(v.strip() for v in values):
            yield number, values


def _check_row(number: int, width: int, limits: Limits) -> None:
    if number > limits.rows:
        raise SheetError(_("At most %(max)d rows per import.") % {"max": limits.rows - 1})
    if width > limits.columns:
        raise SheetError(_("Row %(row)d has more than %(max)d columns.") % {"row": number, "max": limits.columns})


def _check_cell(row: int, column: int, length: int, limits: Limits) -> None:
    if length > limits.cell_chars:
        raise SheetError(
            _("Row %(row)d, column %(column)d holds more than %(max)d characters.")
            % {"row": row, "column": column, "max": limits.cell_chars}
        )


# --- XLSX ----------------------------------------------------------------------------------------------------------

UNREADABLE = "This is not a readable XLSX file."


def _open(content: bytes, limits: Limits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise SheetError(_(UNREADABLE)) from error
    _check_zip(infos, limits)
    return archive


_BROKEN = (
    SAXException,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    IndexError,
    EOFError,
    OSError,
    OverflowError,
    RuntimeError,
    zlib.error,
)


def _guarded(read):
    try:
        return read()
    except SheetError:
        raise
    except DefusedXmlException as error:
        raise SheetError(_("The XLSX file holds XML that is not allowed here (a DTD or entities).")) from error
    except _BROKEN as error:
        raise SheetError(_(UNREADABLE)) from error


def _xlsx_rows(content: bytes, limits: Limits, wanted: list[str] | None) -> Iterator[tuple[str, int, list]]:
    """The rows of the wanted sheets (by casefolded name), or of the first sheet when `wanted` is None."""
    archive = _open(content, limits)
    budget = _Budget(limits)
    try:
        book = _read_part(archive, "xl/workbook.xml", _WorkbookHandler(), budget)
        rels = _read_part(archive, "xl/_rels/workbook.xml.rels", _RelsHandler(), budget)
        if wanted is None:
            chosen = book.sheets[:1]
        else:
            chosen = [(title, rel) for title, rel in book.sheets if title.casefold() in wanted]
        paths = [(title, rels.targets.get(rel)) for title, rel in chosen]
        if not paths or any(path is None for _title, path in paths):
            raise SheetError(_("The XLSX file has no worksheet."))
        strings = []
        if rels.shared_strings:
            strings = _read_part(archive, rels.shared_strings, _StringsHandler(limits), budget).strings
        date_styles = set()
        if rels.styles:
            date_styles = _read_part(archive, rels.styles, _StylesHandler(), budget).date_styles()
        for title, path in paths:
            handler = _SheetHandler(limits, strings, date_styles, book.epoch)
            try:
                for number, values in _stream_part(archive, path, handler, budget):
                    yield title, number, values
            except SheetError as error:
                if len(paths) == 1:
                    raise
                # of several sheets, name the one that breaks a limit
                raise SheetError(_("Sheet %(sheet)s: %(error)s") % {"sheet": title, "error": error}) from error
    except SheetError:
        raise
    except DefusedXmlException as error:
        raise SheetError(_("The XLSX file holds XML that is not allowed here (a DTD or entities).")) from error
    except _BROKEN as error:
        raise SheetError(_(UNREADABLE)) from error


def _check_zip(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.parts:
        raise SheetError(_(UNREADABLE))
    total = 0
    for info in infos:
        total += info.file_size
        too_dense = info.file_size > limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1)
        if info.file_size > limits.part_bytes or total > limits.total_bytes or too_dense:
            raise SheetError(_too_big(limits))


def _too_big(limits: Limits) -> str:
    return _(
        "The XLSX file unpacks to more than %(mb)d MB; an action agenda is far smaller. Remove what is not "
        "part of the agenda, or save it as CSV."
    ) % {"mb": limits.total_bytes // (1024 * 1024)}


class _Budget:
    """The inflated bytes actually read, against the limits (a zip header may lie about a part's size)."""

    def __init__(self, limits: Limits):
        self.limits, self.total = limits, 0

    def chunks(self, archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
        read = 0
        with archive.open(path) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                self.total += len(chunk)
                if read > self.limits.part_bytes or self.total > self.limits.total_bytes:
                    raise SheetError(_too_big(self.limits))
                yield chunk


def _parser(handler: ContentHandler):
    parser = make_parser()
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    parser.setContentHandler(handler)
    return parser


def _read_part(archive, path, handler, budget):
    for _row in _stream_part(archive, path, handler, budget):
        pass
    return handler


def _stream_part(archive, path, handler, budget) -> Iterator:
    parser = _parser(handler)
    for chunk in budget.chunks(archive, path.lstrip("/")):
        parser.feed(chunk)
        if handler.ready:
            yield from handler.ready
            handler.ready = []
    parser.close()  # a cut-off part fails here
    yield from handler.ready
    handler.ready = []


_LOCAL_NAMES: dict[str, str] = {}


def _local(name: str) -> str:
    """The element name without its prefix (`x:c` → `c`); remembered, as the same few names come by every cell."""
    local = _LOCAL_NAMES.get(name)
    if local is None:
        local = name.rsplit(":", 1)[-1]
        if len(_LOCAL_NAMES) < 1_000:
            _LOCAL_NAMES[name] = local
    return local


def _attr(attrs, local_name: str):
    for key, value in attrs.items():
        if _local(key) == local_name:
            return value
    return None


class _Handler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.ready = []


class _WorkbookHandler(_Handler):
    def __init__(self):
        super().__init__()
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id) in the workbook's order
        self.epoch = datetime.datetime(1899, 12, 30)

    @property
    def names(self) -> list[str]:
        return [name for name, _rel in self.sheets]

    def startElement(self, name, attrs):
        name = _local(name)
        if name == "sheet":
            if len(self.sheets) >= 100:
                raise SheetError(_(UNREADABLE))
            self.sheets.append((str(attrs.get("name", ""))[:31], _attr(attrs, "id")))
        elif name == "workbookPr" and attrs.get("date1904") in ("1", "true"):
            self.epoch = datetime.datetime(1904, 1, 1)


class _RelsHandler(_Handler):
    def __init__(self):
        super().__init__()
        self.targets, self.shared_strings, self.styles = {}, None, None

    def startElement(self, name, attrs):
        if _local(name) != "Relationship":
            return
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        self.targets[attrs.get("Id")] = target
        kind = attrs.get("Type", "")
        if kind.endswith("/sharedStrings"):
            self.shared_strings = target
        elif kind.endswith("/styles"):
            self.styles = target


class _StringsHandler(_Handler):
    """The shared strings, each one's length checked while its text arrives; phonetic runs are left out."""

    def __init__(self, limits: Limits):
        super().__init__()
        self.limits, self.strings = limits, []
        self.text: list[str] | None = None
        self.length = 0
        self.in_t = self.in_phonetic = False

    def startElement(self, name, attrs):
        name = _local(name)
        if name == "si":
            if len(self.strings) >= self.limits.rows * self.limits.columns:
                raise SheetError(_("The XLSX file holds more texts than an import can have."))
            self.text, self.length = [], 0
        elif name == "rPh":
            self.in_phonetic = True
        elif name == "t":
            self.in_t = True

    def endElement(self, name):
        name = _local(name)
        if name == "si" and self.text is not None:
            self.strings.append("".join(self.text))
            self.text = None
        elif name == "rPh":
            self.in_phonetic = False
        elif name == "t":
            self.in_t = False

    def characters(self, content):
        if self.in_t and not self.in_phonetic and self.text is not None:
            self.length += len(content)
            if self.length > self.limits.cell_chars:
                raise SheetError(_("A cell holds more than %(max)d characters.") % {"max": self.limits.cell_chars})
            self.text.append(content)


class _StylesHandler(_Handler):
    def __init__(self):
        super().__init__()
        self.custom, self.formats = {}, []
        self.in_cell_xfs = False

    def startElement(self, name, attrs):
        name = _local(name)
        if name == "numFmt":
            self.custom[attrs.get("numFmtId")] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            if len(self.formats) > 65_000:
                raise SheetError(_(UNREADABLE))
            self.formats.append(attrs.get("numFmtId", "0"))

    def endElement(self, name):
        if _local(name) == "cellXfs":
            self.in_cell_xfs = False

    def date_styles(self) -> set[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        def is_date(format_id: str) -> bool:
            code = self.custom.get(format_id)
            if code is None and format_id.isdigit():
                code = BUILTIN_FORMATS.get(int(format_id))
            return bool(code) and is_date_format(code)

        return {index for index, format_id in enumerate(self.formats) if is_date(format_id)}


_COLUMN_LETTERS: dict[str, int] = {}


def _coordinate(ref: str) -> tuple[int, int]:
    """(column, row) of a cell reference like B12 (or $B$12); ValueError for anything else."""
    ref = ref.replace("$", "").strip()
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    letters = ref[: len(ref) - len(digits)].upper()
    if not 1 <= len(letters) <= 3 or not digits.isdigit() or not digits.isascii():
        raise ValueError(ref)
    column = _COLUMN_LETTERS.get(letters)
    if column is None:
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        if len(_COLUMN_LETTERS) < 20_000:
            _COLUMN_LETTERS[letters] = column
    return column, int(digits)


class _SheetHandler(_Handler):
    """The rows of a worksheet as they stream past; every limit is checked on the element that could break it."""

    def __init__(self, limits: Limits, strings: list[str], date_styles: set[int], epoch: datetime.datetime):
        super().__init__()
        self.limits, self.strings, self.date_styles, self.epoch = limits, strings, date_styles, epoch
        self.row_number = 0
        self.rows_seen = 0
        self.values: dict[int, object] | None = None
        self.column = 0
        self.cell: dict | None = None
        self.text: list[str] | None = None
        self.length = 0

    def startElement(self, name, attrs):
        name = _local(name)
        if name in ("v", "t") and self.cell is not None:
            self.text, self.length = [], 0
        elif name == "c" and self.values is not None:
            ref = attrs.get("r")
            self.column = _coordinate(ref)[0] if ref else self.column + 1
            if self.column > self.limits.columns:
                _check_row(self.row_number, self.column, self.limits)
            self.cell = {"t": attrs.get("t", "n"), "s": attrs.get("s", "0"), "v": None, "is": []}
        elif name == "dimension":
            self._dimension(attrs.get("ref", ""))
        elif name == "row":
            self.rows_seen += 1
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            _check_row(max(self.row_number, self.rows_seen), 0, self.limits)
            self.values, self.column = {}, 0
        elif name == "rPh" and self.cell is not None:
            self.text = None  # phonetic guide: not part of the text

    def characters(self, content):
        if self.text is not None:
            self.length += len(content)
            if self.length > self.limits.cell_chars:
                _check_cell(self.row_number, self.column, self.length, self.limits)
            self.text.append(content)

    def endElement(self, name):
        name = _local(name)
        if name == "v" and self.cell is not None and self.text is not None:
            self.cell["v"] = "".join(self.text)
            self.text = None
        elif name == "t" and self.cell is not None and self.text is not None:
            self.cell["is"].append("".join(self.text))
            _check_cell(self.row_number, self.column, sum(map(len, self.cell["is"])), self.limits)
            self.text = None
        elif name == "c" and self.cell is not None:
            value = self._value(self.cell)
            if value not in (None, ""):
                self.values[self.column] = value
            self.cell = None
        elif name == "row" and self.values is not None:
            if self.values:
                width = max(self.values)
                self.ready.append((self.row_number, [self.values.get(c) for c in range(1, width + 1)]))
            self.values = None

    def _dimension(self, ref: str) -> None:
        last = ref.split(":")[-1]
        try:
            columns, rows = _coordinate(last)
        except ValueError:
            return  # an odd dimension is only a hint; the cells themselves are checked
        if rows > self.limits.rows or columns > self.limits.columns:
            raise SheetError(
                _(
                    "The sheet claims %(rows)d rows and %(columns)d columns; an import has at most %(max_rows)d rows "
                    "and %(max_columns)d columns."
                )
                % {
                    "rows": rows,
                    "columns": columns,
                    "max_rows": self.limits.rows - 1,
                    "max_columns": self.limits.columns,
                }
            )

    def _value(self, cell: dict):
        kind, raw = cell["t"], cell["v"]
        if kind == "inlineStr":
            return "".join(cell["is"])
        if raw is None:
            return None
        if kind == "s":
            index = int(raw)
            if index < 0:
                raise ValueError(raw)
            return self.strings[index]
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind in ("str", "e"):
            return raw
        if kind == "d":
            return datetime.datetime.fromisoformat(raw.strip())
        number = float(raw)
        if int(cell["s"] or 0) in self.date_styles:
            from openpyxl.utils.datetime import from_excel

            return from_excel(number, self.epoch)
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number
