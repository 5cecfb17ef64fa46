"""CSV and JSON exports of all recommendations, one file per language."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .content import Content
from .csvsafe import neutralise
from .pages import REPORTS
from .settings import LANGS


def delimiter(lang: str) -> str:
    """Excel in Belgium's Dutch and French locales expects ';', the English one ','."""
    return "," if lang == "en" else ";"


def records(content: Content, lang: str) -> list[dict]:
    labels = content.labels(lang)
    related = content.related()
    recs = content.recs_by_id
    point = content.t("point", lang)
    out = []
    for rec in content.recommendations:
        theme = content.theme(rec.theme)
        out.append(
            {
                "id": rec.id,
                "report": REPORTS[rec.source],
                "number": rec.number,
                "parent": rec.parent,
                "level": rec.level,
                "level_label": labels["level"][rec.level],
                "theme": theme.id,
                "theme_label": f"{REPORTS[theme.source]} {theme.number}. {theme.title[lang]}",
                "text": " ".join(rec.text[lang].split()),
                "actors": list(rec.actors),
                "actor_labels": [labels["actor"][a] for a in rec.actors],
                "topics": list(rec.topics),
                "topic_labels": [labels["topic"][t] for t in rec.topics],
                "regions": list(rec.regions),
                "region_labels": [labels["region"][r] for r in rec.regions],
                "related": related[rec.id],
                "related_labels": [f"{REPORTS[recs[o].source]} {recs[o].number}" for o in related[rec.id]],
                "source": f"{content.t('source', lang)}: {REPORTS[rec.source]}, «{' '.join(rec.cite.section.split())}», {point} {rec.cite.point or rec.number}",
                "permalink": f"recommendations.html#{rec.id}",
            }
        )
    return out


def write_exports(content: Content, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        rows = records(content, lang)
        json_path = out_dir / f"recommendations-{lang}.json"
        json_path.write_text(
            json.dumps({"language": lang, "count": len(rows), "recommendations": rows}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter(lang), lineterminator="\r\n")
        writer.writerow(content.t("csv_columns", lang).split(";"))
        for row in rows:
            writer.writerow(
                neutralise(cell) for cell in [
                    row["id"],
                    row["report"],
                    row["number"],
                    row["level_label"],
                    row["theme_label"],
                    row["text"],
                    " | ".join(row["actor_labels"]),
                    " | ".join(row["topic_labels"]),
                    " | ".join(row["region_labels"]),
                    " | ".join(row["related_labels"]),
                    row["source"],
                ]
            )
        csv_path = out_dir / f"recommendations-{lang}.csv"
        csv_path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
        written += [csv_path, json_path]
    return written
