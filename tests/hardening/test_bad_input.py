"""Bad files get one clear line naming them; every good file is still published."""

from __future__ import annotations

import codecs
import os
import re

import pytest

from conftest import make_project, run_digest

GOOD = "Қазақстан мен Беларусь арасындағы сауда айналымы өсті. Астанада келісім жасалды.\n"


def corpus() -> dict[str, str | bytes]:
    return {
        "empty.txt": "",
        "blank.txt": "   \n\t\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "doc.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "nul.txt": b"Line one\nline two \x00 here\n",
        "badutf8.txt": b"abc\n\xff\xfe\x80\x81 \xc3\x28\n" * 4,
        "bom8.txt": codecs.BOM_UTF8 + GOOD.encode(),
        "utf16le.txt": codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        "utf16be.txt": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
        "cp1251.txt": ("Президент Казахстана встретился с коллегой в Минске. " * 6).encode("cp1251"),
        "crlf.txt": GOOD.replace("\n", "\r\n") * 2,
        "cr.txt": ("Бірінші сөйлем мұнда тұр.\rЕкінші сөйлем де бар.\r").encode(),
        "malformed.md": "---\ntitle: [oops\n---\nМәтін мұнда тұр.\n",
        "listfm.md": "---\n- a\n- b\n---\nМәтін мұнда тұр.\n",
        "baddate.md": "---\ndate: 2024-02-30\nautor: X\n---\nМәтін мұнда тұр, бәрі жақсы.\n",
        "with space Қазақша атау.txt": GOOD,
        ".hidden.txt": GOOD,
        ".~lock.article.txt#": "lock",
        "draft.txt.swp": b"\x00swap",
        "backup.txt~": GOOD,
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "notes.docx": b"PK\x03\x04zip",
    }


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("bad") / "p", corpus())
    outside = project.parent / "secret.txt"
    outside.write_text("Сыртқы файл мәтіні.\n", encoding="utf-8")
    os.symlink(outside, project / "content" / "link-out.txt")
    os.symlink(project / "content" / "crlf.txt", project / "content" / "link-in.txt")
    result = run_digest(project, "build")
    return project, result


def test_build_fails_but_publishes_good_files(bad_build):
    project, result = bad_build
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    published = re.findall(r"^published\s+(\S.*?)\s+→", result.stdout, re.M)
    for name in ("bom8.txt", "utf16le.txt", "utf16be.txt", "cp1251.txt", "crlf.txt", "cr.txt",
                 "baddate.md", "with space Қазақша атау.txt", "link-in.txt", "000_4c27e8987007a86f.txt"):
        assert f"content/{name}" in published, name
    assert (project / "site" / "index.html").is_file()


@pytest.mark.parametrize("name,message", [
    ("empty.txt", "file is empty"),
    ("blank.txt", "file is empty"),
    ("image.txt", "PNG image"),
    ("doc.txt", "PDF document"),
    ("nul.txt", "NUL byte"),
    ("badutf8.txt", "not valid UTF-8"),
    ("malformed.md", "invalid front matter"),
    ("listfm.md", "must be a mapping"),
    ("link-out.txt", "outside content/"),
    ("notes.docx", "not an article file"),
])
def test_each_refusal_is_one_clear_line(bad_build, name, message):
    _, result = bad_build
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"content/{name}: error:")]
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_line_numbers_where_they_apply(bad_build):
    _, result = bad_build
    assert re.search(r"content/nul\.txt: error: .*\(line 2\)", result.stderr)
    assert re.search(r"content/malformed\.md: error: .*\(line \d+\)", result.stderr)


def test_warnings_for_dates_keys_and_encodings(bad_build):
    _, result = bad_build
    assert "not a date" in result.stdout and "unknown front matter key 'autor'" in result.stdout
    assert "decoded as cp1251" in result.stdout


def test_hidden_and_temp_files_silently_skipped(bad_build):
    _, result = bad_build
    for name in (".hidden.txt", ".~lock", "draft.txt.swp", "backup.txt~", ".DS_Store"):
        assert name not in result.stdout + result.stderr


def test_every_other_file_is_in_the_report(bad_build):
    project, result = bad_build
    for name in os.listdir(project / "content"):
        if name.startswith(".") or name.endswith(("~", ".swp")):
            continue
        assert f"content/{name}" in result.stdout, name


def test_huge_article_refused_with_configurable_limit(tmp_path):
    big = ("Үлкен мақаланың сөйлемі осында тұр. " * 40 + "\n") * 7_600  # about 20 MB (Cyrillic letters are 2 bytes)
    project = make_project(tmp_path / "p", {"huge.txt": big})
    result = run_digest(project, "check")
    assert result.returncode == 1
    assert re.search(r"content/huge\.txt: error: file is 2\d\.\d MB, over the limit of 2\.0 MB", result.stderr)
    assert "max_article_bytes" in result.stderr
    # The limit is the editor's: raised, a larger article goes through.
    (project / "content" / "huge.txt").write_text(big[: 1_300_000], encoding="utf-8")  # about 2.5 MB
    settings = project / "site_config" / "digest.yml"
    settings.write_text(settings.read_text() + "\nmax_article_bytes: 3000000\n", encoding="utf-8")
    result = run_digest(project, "check")
    assert result.returncode == 0, result.stderr[-2000:]


def test_same_title_and_same_text_keep_both_pages(tmp_path):
    text = "---\ntitle: Бірдей тақырып\n---\nБірінші мақаланың мәтіні осында.\n"
    other = "---\ntitle: Бірдей тақырып\n---\nЕкінші мақаланың басқа мәтіні.\n"
    project = make_project(tmp_path / "p", {"a.md": text, "b.md": other, "c.md": text}, seeds=False)
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (project / "site" / "articles").iterdir())
    assert pages == ["birdei-taqyryp", "birdei-taqyryp-2", "birdei-taqyryp-3"]
    assert "same text as content/a.md" in result.stdout


def test_slug_with_path_characters_is_sanitised(tmp_path):
    article = "---\nslug: ../../etc/passwd\n---\nМақаланың мәтіні осында.\n"
    project = make_project(tmp_path / "p", {"evil.md": article}, seeds=False)
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (project / "site" / "articles").iterdir()] == ["etc-passwd"]
    assert not (project / "etc").exists() and not (project.parent / "etc").exists()
    assert "not URL-safe" in result.stdout
