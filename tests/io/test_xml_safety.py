"""The XML reader refuses DTDs and entities before expanding or fetching anything.

Billion laughs (Klein 2003; Python's XML vulnerabilities table in the ``xml`` module
documentation) and external entities (XXE, OWASP) are the two classic attacks on XML
parsers. Both need a document type declaration; the parser refuses one at its start.
"""

import contextlib
import socket
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import powerbalance as pb
from powerbalance.errors import StudyFileError
from powerbalance.io import xmcda
from powerbalance.io._xml import parse


def example() -> pb.Assessment:
    """The built-in assessment without its scenarios, which XMCDA cannot hold."""
    return attrs.evolve(pb.examples.load().assessment, scenarios=())


XMCDA_4 = "http://www.decision-deck.org/2021/XMCDA-4.0.0"

# Ten levels of ten: expanded, &lol9; would be 10**9 "lol"s, three gigabytes.
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xmcda [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + f']>\n<xmcda xmlns="{XMCDA_4}"><alternatives><alternative id="a" name="&lol9;"/>'
    "</alternatives></xmcda>\n"
)

# The same attack with parameter entities, expanded inside the DTD itself.
PARAMETER_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [\n <!ENTITY % a "aaaaaaaaaa">\n'
    ' <!ENTITY % b "%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;">\n %b;\n]>\n<x/>\n'
)


def external_entity(url: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE xmcda [<!ENTITY secret SYSTEM "{url}">]>\n'
        f'<xmcda xmlns="{XMCDA_4}"><alternatives>'
        '<alternative id="a" name="&secret;"/></alternatives></xmcda>\n'
    )


def external_dtd(url: str) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE xmcda SYSTEM "{url}">\n<xmcda xmlns="{XMCDA_4}"/>\n'


def assert_refused(error: StudyFileError) -> None:
    message = str(error)
    assert "DTDs and entities are not allowed" in message
    assert "lollol" not in message
    assert "root:" not in message  # nothing of /etc/passwd


def read_fast(path: Path) -> StudyFileError:
    start = time.perf_counter()
    with pytest.raises(StudyFileError) as caught:
        xmcda.read(path)
    assert time.perf_counter() - start < 1.0
    return caught.value


@pytest.mark.parametrize(
    "text",
    [
        BILLION_LAUGHS,
        PARAMETER_LAUGHS,
        external_entity("file:///etc/passwd"),
        external_dtd("file:///etc/passwd"),
        '<!DOCTYPE x [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]><x/>',
        '<!DOCTYPE x [<!NOTATION n SYSTEM "n">]><x/>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd" NDATA n>]><x/>',
        "<!DOCTYPE x><x/>",
    ],
    ids=[
        "billion-laughs",
        "parameter-laughs",
        "xxe-file",
        "external-dtd",
        "parameter-xxe",
        "notation",
        "unparsed-entity",
        "empty-doctype",
    ],
)
def test_documents_with_a_dtd_are_refused(tmp_path, text):
    path = tmp_path / "attack.xml"
    path.write_text(text, encoding="utf-8")
    error = read_fast(path)
    assert_refused(error)
    problem = error.problems[0]
    assert problem.file == str(path)
    assert problem.line is not None
    assert problem.column is not None


def test_billion_laughs_is_refused_through_every_entry_point(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    for attempt in (
        lambda: xmcda.load(path),
        lambda: xmcda.read([path]),
        lambda: xmcda.read(tmp_path),
        lambda: xmcda.from_xml(BILLION_LAUGHS),
        lambda: xmcda.from_xml(BILLION_LAUGHS.encode()),
    ):
        start = time.perf_counter()
        with pytest.raises(StudyFileError) as caught:
            attempt()
        assert time.perf_counter() - start < 1.0
        assert_refused(caught.value)
        assert "line 2" in str(caught.value) or ":2:" in str(caught.value)


@pytest.fixture
def listening_port():
    """A local port that records whether anything connects to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def assert_nobody_connected(server: socket.socket) -> None:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return
    connection.close()
    pytest.fail("the parser connected to the URL of an external entity")


@pytest.mark.parametrize("make", [external_entity, external_dtd], ids=["entity", "dtd"])
def test_http_external_entities_are_refused_without_fetching(tmp_path, listening_port, make):
    url = f"http://127.0.0.1:{listening_port.getsockname()[1]}/secret"
    path = tmp_path / "xxe.xml"
    path.write_text(make(url), encoding="utf-8")
    assert_refused(read_fast(path))
    assert_nobody_connected(listening_port)


def test_undeclared_entities_are_not_well_formed():
    with pytest.raises(StudyFileError, match="undefined entity"):
        parse(b"<x>&secret;</x>", "x.xml")


def test_predefined_entities_and_character_references_still_work():
    root = parse(b'<x a="&quot;&#9;">&lt;&amp;&gt;&apos;&#233;&#x1F600;</x>', "x.xml")
    assert root.text == "<&>'\u00e9\U0001f600"
    assert root.attributes["a"] == '"\t'


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    text = xmcda.to_xml(example())
    path = tmp_path / "big.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StudyFileError, match="larger than the limit of 1,000 bytes"):
        xmcda.read(path, max_bytes=1_000)
    with pytest.raises(StudyFileError, match="larger than the limit"):
        xmcda.load(path, max_bytes=1_000)
    with pytest.raises(StudyFileError, match="larger than the limit of 1,000 bytes"):
        xmcda.from_xml(text, max_bytes=1_000)
    assert xmcda.read(path, max_bytes=len(text.encode())).assessment.n_options == 7


def test_every_file_of_a_folder_is_held_to_the_limit(tmp_path):
    a = example()
    xmcda.write(a, tmp_path, split=True)
    largest = max(p.stat().st_size for p in tmp_path.iterdir())
    with pytest.raises(StudyFileError, match="larger than the limit"):
        xmcda.read(tmp_path, max_bytes=largest - 1)
    assert xmcda.read(tmp_path, max_bytes=largest).assessment == a


def test_missing_files_and_empty_folders_are_reported(tmp_path):
    with pytest.raises(StudyFileError, match="no such file"):
        xmcda.read(tmp_path / "absent.xml")
    with pytest.raises(StudyFileError, match=r"expected XMCDA files \(\*\.xml\)"):
        xmcda.read(tmp_path)


def test_problems_of_several_files_are_reported_together(tmp_path):
    (tmp_path / "a.xml").write_text(external_entity("file:///etc/passwd"), encoding="utf-8")
    (tmp_path / "b.xml").write_text("<xmcda><unclosed></xmcda>", encoding="utf-8")
    error = read_fast(tmp_path)
    assert [Path(p.file).name for p in error.problems] == ["a.xml", "b.xml"]
    assert "mismatched tag" in str(error)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_study_file_errors(data):
    with contextlib.suppress(StudyFileError):
        xmcda.from_xml(data)


VALID = xmcda.to_xml(
    pb.Assessment(
        ["A", "B"],
        [pb.Criterion("Gain", area="Economic", kind="benefit", scale=(0, 10))],
        [[1], [2]],
    ),
    weights={"Gain": 1},
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_documents_raise_only_study_file_errors(data):
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(st.sampled_from(["", "<", ">", "x", "&", "1e9", "-", "</a>", '"']))
        text = text[:start] + insert + text[end:]
    with contextlib.suppress(StudyFileError):
        xmcda.from_xml(text)
