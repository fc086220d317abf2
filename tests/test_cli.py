"""End to end: the digest CLI on the seed content, as an editor runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import make_project, run_digest


def test_build_report_lists_every_file_and_exit_code(tmp_path):
    project = make_project(tmp_path / "p", {"notes.pdf": b"%PDF-1.4 binary", "empty.txt": ""})
    result = run_digest(project, "build")
    assert result.returncode == 1  # two files refused
    for name in ("000_4c27e8987007a86f.txt", "002_fd9ed341f2569c58.txt", "004_4e29ef8c0546d831.txt"):
        assert re.search(rf"published\s+content/{name}", result.stdout)
    assert "content/empty.txt: error: file is empty" in result.stderr
    assert "content/notes.pdf: error: not an article file" in result.stderr
    assert "Traceback" not in result.stderr
    # The good articles were still built.
    assert len(list((project / "site" / "articles").iterdir())) == 3


def test_report_prints_file_names_and_warnings_as_they_are(tmp_path):
    """Square brackets in a name are text, not console markup."""
    text = "Бірдей [тақырып]\n\nАлматыда жаңа мектеп ашылды. Мектепте мың оқушы оқиды.\n"
    project = make_project(tmp_path / "p", {"[bold]draft[/bold] one.txt": text, "[red]two.txt": text + "Тағы.\n"})
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stderr
    assert re.search(r"published\s+content/\[bold\]draft\[/bold\] one\.txt  →  /articles/", result.stdout)
    assert re.search(r"published\s+content/\[red\]two\.txt  →  /articles/", result.stdout)
    assert "warning: same text as" in result.stdout or "warning: slug" in result.stdout


def test_site_has_article_pages_with_sections(built_site):
    pages = sorted((built_site / "articles").glob("*/index.html"))
    assert len(pages) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="digest-summary"' in html
        assert 'id="timeline"' in html
        assert "digest-chip" in html or "digest-empty" in html
        assert "<html" in html and 'lang="kk"' in html


def test_home_links_all_articles_and_indexes_exist(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for page in (built_site / "articles").iterdir():
        assert f'href="articles/{page.name}/"' in home
    assert (built_site / "tags" / "index.html").is_file()
    assert (built_site / "timeline" / "index.html").is_file()
    assert (built_site / "feed.xml").is_file()
    assert (built_site / "404.html").is_file()


def test_extract_json_contract(repo):
    result = run_digest(repo, "extract", "--json", "content")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["errors"] == []
    assert len(data["articles"]) == 3
    for article in data["articles"]:
        assert set(article) >= {"path", "slug", "title", "source", "date", "date_source", "summary", "tags",
                                "related", "timeline", "warnings"}
        assert 1 <= len(article["summary"]) <= 3
        for tag in article["tags"]:
            assert tag["kind"] in {"person", "place", "organization", "topic", "event"}
            assert tag["kk"] and tag["latin"] and (tag["en"] or tag.get("discovered"))
            assert not (tag.get("discovered") and tag["en"])  # a transliteration is never English
        for entry in article["timeline"]:
            assert {"text", "when", "relative", "event"} <= set(entry) <= {"text", "when", "relative", "event", "decade"}
    sources = {a["path"]: a["source"] for a in data["articles"]}
    assert sources["content/000_4c27e8987007a86f.txt"] == "Ertenmedia.kz"
    assert sources["content/002_fd9ed341f2569c58.txt"] == "Хабар 24"


def test_extract_json_gives_a_decade_its_first_year(tmp_path, repo):
    article = tmp_path / "a.txt"
    article.write_text("Зауыт 90-жылдары жабылып қалды. Биыл ол қайта ашылды.\n", encoding="utf-8")
    result = run_digest(repo, "extract", "--json", str(article))
    assert result.returncode == 0, result.stderr
    [entry] = [e for e in json.loads(result.stdout)["articles"][0]["timeline"] if "90" in e["text"]]
    assert entry["when"] is None and entry["decade"] == 1990


def test_extract_reports_bad_file_and_still_extracts_others(tmp_path, repo):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = run_digest(repo, "extract", "--json", "content/000_4c27e8987007a86f.txt", str(bad))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 1
    assert data["errors"][0]["path"] == str(bad)
    assert "NUL" in data["errors"][0]["error"]


def test_wrong_usage_exits_2(repo):
    assert run_digest(repo, "build", "--no-such-flag").returncode == 2
    assert run_digest(repo).returncode == 2


def test_check_validates_without_site(tmp_path):
    project = make_project(tmp_path / "p")
    result = run_digest(project, "check")
    assert result.returncode == 0, result.stderr
    assert not (project / "site").exists()
    assert "3 published" in result.stdout


def test_stem_command_reads_stdin_in_order(repo):
    import subprocess
    import sys

    words = "Қазақстанның\nҚазақстанға\n\nМинскіде\nТоқаевтың\n"
    result = subprocess.run([sys.executable, "-m", "digest.cli", "stem"], input=words, cwd=repo,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    lines = result.stdout.split("\n")
    assert lines[0] == lines[1] and lines[2] == ""
    assert lines[3] == "минск" and lines[4] == "тоқаев"


def test_tags_command_lists_discovered_candidates_as_vocabulary_entries(tmp_path):
    import yaml

    article = "Дархан Смағұлов Көкшетау қаласында жаңа зауыт ашты. Дархан Смағұлов жұмысшылармен кездесті.\n"
    project = make_project(tmp_path / "p", {"a.txt": article}, seeds=False)
    result = run_digest(project, "tags")
    assert result.returncode == 0, result.stderr
    entries = [e for doc in yaml.safe_load_all(result.stdout.replace("\n# ", "\n---\n# ")) if doc for e in doc]
    assert any(e["kk"] == "Дархан Смағұлов" and e["kind"] == "person" and e["en"] for e in entries)


def test_published_slug_survives_a_title_change_across_builds(tmp_path):
    article = "---\ntitle: Бірінші тақырып\n---\nМақаланың мәтіні осында тұр.\n"
    project = make_project(tmp_path / "p", {"a.md": article}, seeds=False)
    assert run_digest(project, "build").returncode == 0
    assert (project / "slugs.lock.yml").is_file()
    (project / "content" / "a.md").write_text(article.replace("Бірінші", "Жаңа"), encoding="utf-8")
    result = run_digest(project, "build")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (project / "site" / "articles").iterdir()] == ["birinshi-taqyryp"]
    assert "<h1" in (project / "site" / "articles" / "birinshi-taqyryp" / "index.html").read_text(encoding="utf-8")


def test_report_flags_tags_missing_from_the_vocabulary(tmp_path):
    article = "Дархан Смағұлов Көкшетау қаласында жаңа зауыт ашты. Дархан Смағұлов жұмысшылармен кездесті.\n"
    project = make_project(tmp_path / "p", {"a.txt": article}, seeds=False)
    result = run_digest(project, "check")
    assert "tags not in the vocabulary: " in result.stdout and "Дархан Смағұлов (1)" in result.stdout


def test_a_bug_in_an_extractor_costs_one_article_not_the_build(tmp_path, monkeypatch):
    from digest import pipeline
    from digest.config import load_config

    project = make_project(tmp_path / "p", {"boom.txt": "Мақала мәтіні осында тұр.\n"})
    config = load_config(project)
    real = pipeline.extract_article

    def flaky(doc, cfg):
        if doc.path.endswith("boom.txt"):
            raise ValueError("simulated bug")
        return real(doc, cfg)

    monkeypatch.setattr(pipeline, "extract_article", flaky)
    collection = pipeline.collect(project / "content", config)
    assert len(collection.articles) == 3
    (error,) = collection.errors
    assert error.path == "content/boom.txt" and "internal error (ValueError: simulated bug)" in error.detail


def _on_a_terminal(root, *args: str) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal, as an editor's shell has it; (exit code, stderr)."""
    master, slave = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR")}
    proc = subprocess.Popen([sys.executable, "-m", "digest.cli", *args], cwd=root, stdout=subprocess.DEVNULL,
                            stderr=slave, env=dict(env, COLUMNS="200", NO_COLOR="1"))
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def test_a_build_on_a_terminal_says_what_it_is_doing(tmp_path):
    root = make_project(tmp_path / "p")
    code, shown = _on_a_terminal(root, "build")
    assert code == 0, shown
    assert "writing the pages of 3 articles…" in shown
    assert "MkDocs: full build of" in shown
    (root / "content" / "extra.txt").write_text("Астанада жаңа мектеп ашылды. Оқушылар қуанды.\n", "utf-8")
    code, shown = _on_a_terminal(root, "build")
    assert code == 0 and "MkDocs: incremental build (" in shown, shown
    # not on a pipe: logs and scripts get the report alone
    (root / "content" / "extra2.txt").write_text("Алматыда көрме өтті. Көрермендер көп болды.\n", "utf-8")
    piped = run_digest(root, "build")
    assert piped.returncode == 0 and "(incremental)" in piped.stdout
    assert "MkDocs:" not in piped.stderr + piped.stdout


def test_the_progress_bar_leaves_the_process_free_to_fork(tmp_path, monkeypatch):
    """rich's refresh thread would make extraction use forkserver and the page writers and
    MkDocs's shares run in one process (digest.cores.fork_unsafe): the bar is refreshed inline."""
    import io
    import threading

    from rich.console import Console

    import digest.commands.common as common
    from digest.cores import fork_unsafe

    screen = io.StringIO()
    monkeypatch.setattr(common, "err", Console(file=screen, force_terminal=True, width=100))
    seen = []

    def collect(content_dir, config, advance=None, **kwargs):
        for _ in range(60):
            advance()
            seen.append(threading.active_count())
        return "collected"

    monkeypatch.setattr(common, "collect", collect)
    root = make_project(tmp_path / "p", {f"a{i}.txt": "Мәтін.\n" for i in range(60)})
    from digest.config import load_config

    assert common.collect_with_progress(root / "content", load_config(root)) == "collected"
    assert seen == [1] * 60 and fork_unsafe() is None
    assert "Extracting" in screen.getvalue()
