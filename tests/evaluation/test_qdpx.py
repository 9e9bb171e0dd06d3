"""Reading REFI-QDA projects as other tools write them: text inside project.qde or in Sources/,
ATLAS.ti's line ends, codings of a whole source, and what makes a project unusable."""

import zipfile

import pytest

from hymnsheet_talk.errors import InputError
from hymnsheet_talk.evaluation.qdpx import Selection, read_project

CODE = "A1B2C3D4-0000-4000-8000-000000000001"
CODEBOOK = (f'<CodeBook><Codes><Code guid="{{{CODE}}}" name="Framing" isCodable="false">'
            '<Code guid="a1b2c3d4-0000-4000-8000-000000000002" name="Behaviour" isCodable="true"/></Code>'
            '</Codes></CodeBook>')


def project(tmp_path, sources, *, origin="NVivo", files=None, name="p.qdpx"):
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" '
           f'origin="{origin}">{CODEBOOK}<Sources>{sources}</Sources></Project>')
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for member, data in (files or {}).items():
            archive.writestr(member, data)
    return path


def selection(start, end, code="a1b2c3d4-0000-4000-8000-000000000002"):
    return (f'<PlainTextSelection guid="5" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="6"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def test_sources_are_read_from_the_xml_or_from_either_sources_folder(tmp_path):
    path = project(tmp_path, '<TextSource guid="1" name="inline"><PlainTextContent>Ann: Hello.</PlainTextContent>'
                             f'{selection(5, 11)}</TextSource>'
                             '<TextSource guid="2" name="filed" plainTextPath="internal://2.txt">'
                             f'<Coding guid="7"><CodeRef targetGUID="{{{CODE.lower()}}}"/></Coding></TextSource>',
                   files={"Sources/2.txt": "\ufeffBob: Hi.".encode("utf-8")})
    read = read_project(path)
    assert [code.name for code in read.codes.values()] == ["Framing", "Behaviour"]
    assert list(read.codes.values())[1].parent == CODE.lower()
    assert [(source.name, source.text) for source in read.sources] == [("inline", "Ann: Hello."), ("filed", "Bob: Hi.")]
    assert read.sources[0].selections == [Selection(5, 11, "a1b2c3d4-0000-4000-8000-000000000002")]
    assert read.sources[1].selections == [Selection(0, 8, CODE.lower())]  # the whole source


def test_atlas_ti_counts_a_windows_line_end_as_one_character(tmp_path):
    files = {"sources/1.txt": b"Ann: One.\r\nBob: Two."}
    source = f'<TextSource guid="1" name="s" plainTextPath="internal://1.txt">{selection(10, 19)}</TextSource>'
    atlas = read_project(project(tmp_path, source, origin="ATLAS.ti 23", files=files, name="a.qdpx")).sources[0]
    assert atlas.text[10:19] == "Bob: Two."
    nvivo = read_project(project(tmp_path, source, files=files, name="n.qdpx")).sources[0]
    assert nvivo.text[10:19] == "\nBob: Two"


@pytest.mark.parametrize("sources, reason", [
    ('<TextSource guid="1" name="s" plainTextPath="absolute:///home/me/s.txt"/>',
     "source 's' keeps its text outside the project (absolute:///home/me/s.txt): export the project with its sources inside"),
    ('<TextSource guid="1" name="s" plainTextPath="internal://gone.txt"/>',
     "source 's': its text internal://gone.txt is not in the project"),
    ('<TextSource guid="1" name="s"/>', "source 's' has no plain text (neither plainTextPath nor PlainTextContent)"),
    (f'<TextSource guid="1" name="s"><PlainTextContent>Ann: Hi.</PlainTextContent>{selection(-1, 3)}</TextSource>',
     "selection 5 (-1-3) lies outside source 's', which is 8 characters long"),
    (f'<TextSource guid="1" name="s"><PlainTextContent>Ann: Hi.</PlainTextContent>{selection("x", 3)}</TextSource>',
     "selection 5 in source 's': startPosition 'x' is not a number"),
    (f'<TextSource guid="1" name="s"><PlainTextContent>Ann: Hi.</PlainTextContent>{selection(0, 3, "9")}</TextSource>',
     "a coding in source 's' refers to code 9, which is not in the codebook"),
])
def test_what_cannot_be_used_is_an_error_naming_the_project(tmp_path, sources, reason):
    path = project(tmp_path, sources)
    with pytest.raises(InputError) as caught:
        read_project(path)
    assert str(caught.value) == f"{path}: {reason}"


def test_a_project_file_that_is_not_a_project_is_an_error(tmp_path):
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project name='p'/>")
    with pytest.raises(InputError, match="project.qde is not a REFI-QDA project \\(its root is Project, not Project in"):
        read_project(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project")
    with pytest.raises(InputError, match="project.qde is not well-formed XML: "):
        read_project(path)
