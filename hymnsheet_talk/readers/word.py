"""Word (.docx) files, as Teams and Google Docs download transcripts: their text, line by line.

Read with python-docx. A paragraph's line breaks become line ends, so ``Name   0:03`` and the speech
after it are two lines whether Teams wrote them as one paragraph or two. The document's page
headers and footers are not its body and are left out.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from ..errors import InputError

# Every .docx is a zip archive; its bytes start with the zip signature.
ZIP_SIGNATURE = b"PK\x03\x04"
ENCODING = "docx"


def is_word(data: bytes) -> bool:
    """True when ``data`` is a zip archive, as every Word (.docx) file is."""
    return data.startswith(ZIP_SIGNATURE)


def word_text(data: bytes) -> str:
    """The body text of a Word file, one line per paragraph or line break.

    Raises ``InputError`` for a zip archive that is not a Word document.
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"cannot read this as a Word (.docx) file ({error})") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise InputError("the Word file has no text")
    return text
