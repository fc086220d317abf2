"""digest/importer: what `digest import` writes into content/, and what it refuses."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PIL import Image

from digest.cli import main
from digest.importer import import_sources
from digest.ingest.reader import read_document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def saved(tmp_path) -> Path:
    """The saved page and its _files folder, as a browser left them in Downloads."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(FIXTURES / "saved_page.html", folder / "saved_page.html")
    shutil.copytree(FIXTURES / "saved_page_files", folder / "saved_page_files")
    return folder / "saved_page.html"


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_saved_page_becomes_an_article_with_its_lead_image(tmp_path, config, saved):
    content = tmp_path / "content"
    (result,) = import_sources([str(saved)], content, config)
    stem = "2023-11-02-ekibastuzda-jana-kitaphana-ashyldy"
    assert result.error is None and result.path == str(content / f"{stem}.md")
    assert files_under(content) == [f"{stem}.md", f"images/{stem}.jpg"]
    assert (content / f"images/{stem}.jpg").read_bytes() == \
        (saved.parent / "saved_page_files/kitaphana-lead.jpg").read_bytes()  # not the logo
    document = read_document(content / f"{stem}.md", config)
    meta = document.meta
    assert (meta.title, meta.date, meta.source, meta.author) == (
        "Екібастұзда жаңа кітапхана ашылды", dt.date(2023, 11, 2), "Дала хабары", "Нұрлан Бекұлы")
    assert meta.url == "https://dala-habary.example.kz/kk/society/ekibastuzda-kitaphana-ashyldy"
    assert meta.image == f"images/{stem}.jpg"
    assert document.warnings == ()
    assert [b.kind for b in document.blocks] == ["paragraph"] * 4  # paragraphs stay paragraphs
    text = (content / f"{stem}.md").read_text("utf-8")
    assert "static.dala-habary" not in text and "Telegram" not in text  # no outside host, no boilerplate


def test_the_lead_image_is_what_pillow_reads_not_what_the_name_says(tmp_path, config, saved):
    files = saved.parent / "saved_page_files"
    lead = files / "kitaphana-lead.jpg"
    Image.open(lead).save(files / "photo.png")
    lead.write_bytes(b"<html>not a picture</html>")  # og:image's name, but no picture
    html = saved.read_text("utf-8").replace("kitaphana-lead.jpg\" alt", "photo.png\" alt")
    saved.write_text(html, "utf-8")
    (result,) = import_sources([str(saved)], tmp_path / "content", config)
    assert result.image == "images/2023-11-02-ekibastuzda-jana-kitaphana-ashyldy.png"


def test_without_its_files_folder_a_saved_page_has_no_image(tmp_path, config):
    (result,) = import_sources([str(FIXTURES / "news_article.html")], tmp_path / "content", config)
    assert result.image is None
    assert "image:" not in Path(result.path).read_text("utf-8")


def test_already_imported_is_refused_naming_the_file(tmp_path, config, saved):
    content = tmp_path / "content"
    import_sources([str(saved)], content, config)
    before = files_under(content)
    # the same page again, and the page saved from another address with the same canonical one
    other = saved.with_name("copy.html")
    other.write_text(saved.read_text("utf-8").replace(
        "(0071)https://dala-habary.example.kz/kk/society/ekibastuzda-kitaphana-ashyldy",
        "(0069)https://dala-habary.example.kz/kk/society/ekibastuzda-kitaphana-ashyldy/"), "utf-8")
    results = import_sources([str(saved), str(other)], content, config)
    for result in results:
        assert result.error.startswith("already imported: https://dala-habary.example.kz/kk/society/")
        assert result.error.endswith("is in content/2023-11-02-ekibastuzda-jana-kitaphana-ashyldy.md")
    assert files_under(content) == before


def test_an_article_an_editor_wrote_with_that_url_counts_as_imported(tmp_path, config):
    content = tmp_path / "content"
    content.mkdir()
    (content / "bridge.txt").write_text(
        "---\ntitle: Көпір\nurl: http://www.ertis-tany.example.kz/kk/news/2024/03/15/pavlodarda-zhana-kopir-ashyldy/\n"
        "---\nПавлодарда көпір ашылды.\n", "utf-8")
    (result,) = import_sources([str(FIXTURES / "news_article.html")], content, config)
    assert result.error.endswith("is in content/bridge.txt")


def test_one_refusal_writes_nothing_and_stops_no_other(tmp_path, config):
    content = tmp_path / "content"
    sources = [str(FIXTURES / n) for n in ("section_front.html", "not_html.html", "news_article.html",
                                           "russian_article.html", "empty_page.html")]
    results = import_sources(sources + [str(tmp_path / "missing.html")], content, config)
    assert [r.error is None for r in results] == [False, False, True, True, False, False]
    assert "cannot read" in results[-1].error
    assert results[3].warnings == ["the text reads as Russian, not Kazakh (imported all the same)"]
    assert files_under(content) == ["2024-03-15-pavlodarda-jana-kopir-ashyldy.md",
                                    "2024-03-15-v-pavlodare-otkryli-novyi-most.md"]


def test_a_taken_file_name_gets_a_number(tmp_path, config):
    content = tmp_path / "content"
    content.mkdir()
    (content / "2024-03-15-pavlodarda-jana-kopir-ashyldy.md").write_text("Басқа мақала.\n", "utf-8")
    (result,) = import_sources([str(FIXTURES / "news_article.html")], content, config)
    assert result.path.endswith("2024-03-15-pavlodarda-jana-kopir-ashyldy-2.md")


def test_the_command_reports_and_exits_1_when_anything_is_refused(tmp_path, capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)  # the project's site_config/, a content folder of the test's
    content = tmp_path / "content"
    assert main(["import", str(FIXTURES / "news_article.html"), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "written" in out and "2024-03-15-pavlodarda-jana-kopir-ashyldy.md" in out
    assert main(["import", str(FIXTURES / "news_article.html"), str(FIXTURES / "search_page.html"),
                 "--content", str(content)]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("refused") == 2 and "already imported" in captured.err
    assert "2 sources: 0 written, 2 refused" in captured.out


def test_no_source_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["import"])
    assert raised.value.code == 2


def test_a_logo_or_an_icon_is_no_lead_image(tmp_path, config, saved):
    (saved.parent / "saved_page_files" / "kitaphana-lead.jpg").unlink()
    html = saved.read_text("utf-8").replace("./saved_page_files/kitaphana-lead.jpg", "./saved_page_files/logo.png")
    saved.write_text(html, "utf-8")  # the article's only picture is now the 120×40 logo
    (result,) = import_sources([str(saved)], tmp_path / "content", config)
    assert result.error is None and result.image is None
    assert not (tmp_path / "content" / "images").exists()


def test_a_picture_outside_the_files_folder_is_not_taken(tmp_path, config, saved):
    lead = saved.parent / "saved_page_files" / "kitaphana-lead.jpg"
    lead.rename(tmp_path / "elsewhere.jpg")
    html = saved.read_text("utf-8").replace("./saved_page_files/kitaphana-lead.jpg", "../elsewhere.jpg")
    saved.write_text(html, "utf-8")
    (result,) = import_sources([str(saved)], tmp_path / "content", config)
    assert result.error is None and result.image is None


@pytest.mark.parametrize("value", ["https://cdn.ertis-tany.example.kz/kopir.jpg", "../secret.jpg",
                                   "images/../../x.jpg", "images/notes.txt"])
def test_front_matter_takes_no_image_but_one_under_content_images(tmp_path, config, value):
    path = tmp_path / "bridge.md"
    path.write_text(f"---\ntitle: Көпір\nimage: {value}\n---\nПавлодарда жаңа көпір ашылды.\n", "utf-8")
    document = read_document(path, config)
    assert document.meta.image is None
    assert any("'image'" in w and "ignored" in w for w in document.warnings)
