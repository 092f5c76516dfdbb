"""The digest's short human summary, Markdown, Chinese first."""

from __future__ import annotations

from collections import Counter

from cnfiscal.corpus.watch.digest import Digest, DigestDocument

LISTED = 50  # findings listed one by one; the JSON has them all
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def headline(d: Digest) -> str:
    """One line, Chinese then English."""
    c = d.counts
    return (
        f"新文件 {c.new}，更新 {c.changed}，失败 {c.failed}，"
        f"新核查发现 {c.new_findings} 条（跨文件 {c.new_corpus_findings} 条）"
        f"（页面 {c.pages}，文件 {c.files}，下载 {c.downloaded}，未变化 {c.not_modified}）"
        f" — new {c.new}, changed {c.changed}, failed {c.failed}, new findings {c.new_findings}"
        f" ({c.new_corpus_findings} across documents)"
    )


def render(d: Digest) -> str:
    runs = "、".join(str(r) for r in d.runs)
    lines = [
        f"# cnfiscal 监视日报 watch digest — {d.finished_at[:16].replace('T', ' ')} UTC",
        "",
        f"运行 run {runs}；数据库 `{d.db}`；来源 {len(d.sources)} 个 sources.",
        "",
        headline(d) + "。",
        "",
        *_severities(d),
        *_documents("新文件 new", d.new),
        *_documents("更新 changed（同一网址的新版本，旧版本标为 superseded）", d.changed),
        *_documents("重新处理 reprocessed（以前读取失败，本次读出）", d.reprocessed),
        *_failures(d),
        *_findings(d),
        *_corpus_findings(d),
    ]
    if d.notes:
        lines += ["## 备注 notes", "", *(f"- {n}" for n in d.notes), ""]
    return "\n".join(lines).rstrip() + "\n"


def _severities(d: Digest) -> list[str]:
    if not d.new_findings:
        return []
    n = Counter(f.severity for f in d.new_findings)
    parts = [f"{_SEVERITY.get(k, k)} {k} {n[k]}" for k in ("error", "warning", "info") if n[k]]
    return ["新核查发现按严重程度 new findings by severity: " + "，".join(parts) + "。", ""]


def _documents(title: str, docs: list[DigestDocument]) -> list[str]:
    if not docs:
        return []
    out = [f"## {title}", ""]
    for doc in docs:
        who = doc.unit_name or doc.office_hint or "单位未识别 unit not read"
        year = doc.year or doc.year_hint or "—"
        title = f"「{doc.title}」" if doc.title else ""
        out.append(f"- {who} {year} `{doc.doc_type}` {title}— <{doc.url}> (sha256 {doc.sha256[:12]}…)")
    return [*out, ""]


def _failures(d: Digest) -> list[str]:
    if not d.failed:
        return []
    return ["## 失败 failed", "", *(f"- <{f.url}> — {f.reason}" for f in d.failed), ""]


def _findings(d: Digest) -> list[str]:
    if not d.new_findings:
        return []
    ranked = sorted(d.new_findings, key=lambda f: (_ORDER.get(f.severity, 3), f.url, f.page or 0))
    out = ["## 新核查发现 new findings", ""]
    for f in ranked[:LISTED]:
        page = f"第 {f.page} 页" if f.page else "页码未知"
        out.append(f"- [{_SEVERITY.get(f.severity, f.severity)}] `{f.rule}` {f.message}（{page}，<{f.url}>）")
    if len(ranked) > LISTED:
        out.append(f"- …… 另有 {len(ranked) - LISTED} 条见 latest.json (and {len(ranked) - LISTED} more)")
    return [*out, ""]


def _corpus_findings(d: Digest) -> list[str]:
    if not d.new_corpus_findings:
        return []
    out = ["## 跨文件核查发现 new findings across documents", ""]
    for f in d.new_corpus_findings[:LISTED]:
        pages = f"<{f.url_a}> 第 {f.page_a} 页 ↔ <{f.url_b}> 第 {f.page_b} 页"
        out.append(f"- [{_SEVERITY.get(f.severity, f.severity)}] `{f.rule}` {f.message}（{pages}）")
    if len(d.new_corpus_findings) > LISTED:
        out.append(f"- …… 另有 {len(d.new_corpus_findings) - LISTED} 条见 latest.json")
    return [*out, ""]
