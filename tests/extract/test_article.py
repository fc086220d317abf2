"""extract_article's frame: date and its source, front-matter tags, refused files."""

from __future__ import annotations

import json
import subprocess
import sys

from digest.extract import extract_article
from digest.ingest.reader import parse_document
from digest.pipeline import collect

TEXT = "Астанада жаңа саябақ ашылды. Саябақта мың түп ағаш отырғызылды.\nҚұрылыс өткен жылы басталған.\n"


def test_unknown_front_matter_tag_is_a_warning_with_the_nearest_and_no_tag(config):
    doc = parse_document(("---\ntags: [ecologyy, trade]\n---\n" + TEXT).encode(), config, "content/a.md")
    article = extract_article(doc, config)
    ids = {t.id for t in article.tags}
    assert "trade" in ids and not any("ecologyy" in i for i in ids)
    warning = next(w for w in article.warnings if "ecologyy" in w)
    assert "ecology" in warning.replace("ecologyy", "")


def test_known_front_matter_tag_gives_no_warning(config):
    doc = parse_document(("---\ntags: [trade]\n---\n" + TEXT).encode(), config, "content/a.md")
    assert not any("tag" in w for w in extract_article(doc, config).warnings)


def test_refused_file_is_not_published_so_no_slug_is_recorded(config, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.txt").write_text(TEXT, encoding="utf-8")
    (content / "lost.txt").write_bytes(("Облыс әкімі жаңа мектепті аралады. " * 3).encode("cp1251", errors="replace"))
    collection = collect(content, config, workers=1)
    refused = {r.path: r for r in collection.reports if r.status == "refused"}
    assert any(path.endswith("lost.txt") for path in refused)
    assert "UTF-8" in next(r.detail for p, r in refused.items() if p.endswith("lost.txt"))
    assert [a.path for a in collection.articles if a.path.endswith("lost.txt")] == []


def test_extract_json_carries_date_and_its_source(tmp_path):
    (tmp_path / "2024-03-15-saiabaq.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "saiabaq.txt").write_text(TEXT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "digest.cli", "extract", "--json", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    articles = {a["path"].rsplit("/", 1)[-1]: a for a in json.loads(done.stdout)["articles"]}
    assert (articles["2024-03-15-saiabaq.txt"]["date"], articles["2024-03-15-saiabaq.txt"]["date_source"]) == (
        "2024-03-15", "file-name")
    assert (articles["saiabaq.txt"]["date"], articles["saiabaq.txt"]["date_source"]) == (None, None)


def test_the_articles_credit_makes_no_tags(config):
    """"– деп хабарлайды ҚазАқпарат тілшісі ТЖМ-ге сілтеме жасап": who reported it
    and from where, not what it is about; a quotation's credit names a speaker."""
    text = ("Астанада жаңа мектеп ашылды\n\nЕлордада жаңа мектеп ашылды, деп хабарлайды ҚазАқпарат "
            "тілшісі Білім министрлігіне сілтеме жасап. Салтанатқа әкім Жеңіс Қасымбек қатысты. "
            "«Мектеп заманауи», – деп хабарлайды Халық банкі.\n")
    article = extract_article(parse_document(text.encode(), config, "content/x.txt"), config)
    ids = {t.id for t in article.tags}
    assert article.source == "ҚазАқпарат"
    assert "kazinform" not in ids and not any("министрлі" in t.kk for t in article.tags)
    assert {"astana", "zhenis-kassymbek", "halyk-bank"} <= ids
