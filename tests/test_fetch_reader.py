"""The arXiv OAI-PMH reader (``arxiv-oai``): recorded pages, deleted records, OAI-PMH errors,
malformed XML, and Hypothesis-generated records read back field for field."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fetch_replay import REPLAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ids import normalise_title
from kg.ingest import read_papers
from kg.ingest.fields import strip_bidi
from kg.ingest.source import display_path

OAI_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'


def _record(
    arxiv_id: str, title: str, abstract: str, categories: str = "cs.CL", deleted: bool = False
) -> str:
    if deleted:
        return (
            f'<record><header status="deleted"><identifier>oai:arXiv.org:{arxiv_id}</identifier>'
            "<datestamp>2026-05-04</datestamp></header></record>\n"
        )
    return (
        f"<record><header><identifier>oai:arXiv.org:{arxiv_id}</identifier><datestamp>2026-05-04</datestamp>"
        '</header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/">'
        f"<id>{arxiv_id}</id><created>2026-05-03</created><authors><author><keyname>Lovelace</keyname>"
        "<forenames>Ada</forenames></author><author><keyname>Collaboration X</keyname></author></authors>"
        f"<title>{escape(title)}</title><categories>{categories}</categories>"
        f"<abstract>{escape(abstract)}</abstract></arXiv></metadata></record>\n"
    )


def _write(tmp_path: Path, body: str, name: str = "page.xml") -> Path:
    path = tmp_path / name
    path.write_text(OAI_HEAD + body + "</OAI-PMH>\n", encoding="utf-8")
    return path


def test_recorded_pages_are_sniffed_and_read() -> None:
    papers = [p for page in sorted((REPLAY / "oai").glob("2026-05-04-p*.xml")) for p in read_papers(page)]
    assert [p.arxiv_id for p in papers] == [
        "2605.00022",
        "2605.00049",
        "2605.00051",
        "2605.00052",
        "2605.00086",
    ]
    first = papers[0]
    assert first.title == "Putting HUMANS first: Efficient LAM Evaluation with Human Preference Alignment"
    assert first.authors[:2] == ("Woody Haosheng Gan", "William Held")
    assert first.categories == ("cs.CL", "cs.AI", "cs.SD")
    assert first.published == "2026-05-03"
    assert first.url == "https://arxiv.org/abs/2605.00022"
    assert first.abstract.startswith("The rapid proliferation of large audio models")
    assert first.sources == (f"{display_path(REPLAY / 'oai' / '2026-05-04-p1.xml')}:6",)


def test_deleted_records_are_no_papers_and_authors_without_forenames_are_kept(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "<ListRecords>\n"
        + _record("2605.00001", "Kept paper", "An abstract.")
        + _record("2605.00002", "", "", deleted=True)
        + "</ListRecords>\n",
    )
    papers = list(read_papers(path))
    assert [p.arxiv_id for p in papers] == ["2605.00001"]
    assert papers[0].authors == ("Ada Lovelace", "Collaboration X")


def test_no_records_match_is_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no papers found"):
        list(read_papers(REPLAY / "oai" / "2026-05-06-p1.xml"))


def test_an_oai_error_is_a_bad_record_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '<error code="badResumptionToken">The token is expired</error>\n')
    with pytest.raises(
        IngestError, match=r"page\.xml:3: OAI-PMH error badResumptionToken: The token is expired"
    ):
        list(read_papers(path))


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "<ListRecords>\n" + _record("2605.00001", "A", "B")[:-30] + "\n</ListRecords>\n")
    with pytest.raises(IngestError, match=r"page\.xml:\d+: malformed XML"):
        list(read_papers(path))


def test_a_record_without_arxiv_metadata_is_bad_and_skippable(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "<ListRecords>\n<record><header><identifier>oai:arXiv.org:1</identifier></header>"
        "<metadata><dc/></metadata></record>\n" + _record("2605.00003", "Good", "Text") + "</ListRecords>\n",
    )
    with pytest.raises(IngestError, match="no arXiv metadata"):
        list(read_papers(path))
    skipped: list[IngestError] = []
    assert [p.arxiv_id for p in read_papers(path, skip_bad=True, skipped=skipped)] == ["2605.00003"]
    assert len(skipped) == 1


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=80,
).filter(lambda s: bool(normalise_title(strip_bidi(s))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(_TEXT, min_size=1, max_size=4), abstract=_TEXT)
def test_generated_records_read_back(tmp_path: Path, titles: list[str], abstract: str) -> None:
    body = "<ListRecords>\n"
    for number, title in enumerate(titles):
        body += _record(f"2605.{number:05d}", title, abstract)
    path = _write(tmp_path, body + "</ListRecords>\n", "generated.xml")
    papers = list(read_papers(path))
    assert [p.title for p in papers] == [strip_bidi(" ".join(t.split())) for t in titles]
    assert [p.arxiv_id for p in papers] == [f"2605.{n:05d}" for n in range(len(titles))]
    assert {p.abstract for p in papers} == {strip_bidi(" ".join(abstract.split()))}
