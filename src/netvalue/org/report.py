"""A self-contained HTML report: the summary and Vega-Lite charts, with the vendored Vega files inlined
so that it opens offline (the same vega, vega-lite and vega-embed the dashboard uses).

Charts show aggregates only (states, months, departments, communities, a histogram of constraint), so
the report stays small for millions of people; per-person figures are in ``people.parquet``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import numpy as np

VENDOR = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor"
SCRIPTS = ("vega-6.4.0.min.js", "vega-lite-6.4.3.min.js", "vega-embed-7.3.0.min.js")
MAX_BARS = 40


def _script(name: str) -> str:
    text = (VENDOR / name).read_text(encoding="utf-8")
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _json(value: object) -> str:
    return json.dumps(value, default=_plain).replace("</", "<\\/")


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def charts(result: Any) -> dict[str, dict[str, object]]:
    """The Vega-Lite specs, by element id."""
    tables = result.tables
    states = result.summary["states"]
    monthly = tables["monthly"].to_pylist()
    long_months = [
        {"month": r["month"], "what": k, "ties": r[k]} for r in monthly for k in ("formed", "lost")
    ]
    departments = sorted(tables["departments"].to_pylist(), key=lambda r: -(r.get("people") or 0))[:MAX_BARS]
    communities = sorted(tables["communities"].to_pylist(), key=lambda r: -r["people"])[:MAX_BARS]
    constraint = tables["people"].column("constraint").to_numpy(zero_copy_only=False)
    constraint = constraint[np.isfinite(constraint)]
    counts, edges = np.histogram(constraint, bins=20, range=(0.0, 1.0))
    histogram = [
        {"from": float(edges[i]), "to": float(edges[i + 1]), "people": int(c)}
        for i, c in enumerate(counts.tolist())
    ]
    base = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "width": "container"}
    specs: dict[str, dict[str, object]] = {
        "states": base
        | {
            "title": "Ties by state",
            "data": {"values": [{"state": k, "ties": v} for k, v in states.items()]},
            "mark": "bar",
            "encoding": {
                "x": {"field": "state", "type": "nominal", "sort": list(states)},
                "y": {"field": "ties", "type": "quantitative"},
            },
        },
        "monthly": base
        | {
            "title": "Ties formed and lost per month",
            "data": {"values": long_months},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "month", "type": "temporal"},
                "y": {"field": "ties", "type": "quantitative"},
                "color": {"field": "what", "type": "nominal"},
            },
        },
        "constraint": base
        | {
            "title": "Burt's constraint (low = broker)",
            "data": {"values": histogram},
            "mark": "bar",
            "encoding": {
                "x": {
                    "field": "from",
                    "type": "quantitative",
                    "bin": {"binned": True},
                    "title": "constraint",
                },
                "x2": {"field": "to"},
                "y": {"field": "people", "type": "quantitative"},
            },
        },
        "communities": base
        | {
            "title": "Largest communities: size and how much one department dominates",
            "data": {"values": communities},
            "mark": "bar",
            "encoding": {
                "x": {"field": "community", "type": "ordinal"},
                "y": {"field": "people", "type": "quantitative"},
                "color": {
                    "field": "top_department_share",
                    "type": "quantitative",
                    "title": "top department share",
                },
                "tooltip": [{"field": "top_department"}, {"field": "internal_share"}, {"field": "isolated"}],
            },
        },
    }
    if departments and "internal_share" in departments[0]:
        specs["departments"] = base | {
            "title": "Largest departments: share of tie strength kept inside (silos ≥ 0.9)",
            "data": {"values": departments},
            "mark": "bar",
            "encoding": {
                "x": {"field": "department", "type": "nominal", "sort": "-y"},
                "y": {"field": "internal_share", "type": "quantitative", "scale": {"domain": [0, 1]}},
                "color": {"field": "silo", "type": "nominal"},
                "tooltip": [{"field": "people"}, {"field": "departments_reached"}, {"field": "brokers"}],
            },
        }
    return specs


def _formal_rows(summary: dict[str, Any]) -> list[tuple[str, object]]:
    """The formal structure's figures, when the people table named managers."""
    lines, manager = summary.get("formal_lines"), summary.get("manager_ties")
    if not isinstance(lines, dict) or not isinstance(manager, dict):
        return []

    def share(x: object) -> str:
        return "n/a" if x is None else f"{float(x):.0%}"  # type: ignore[arg-type]

    return [
        (
            "Share of current tie strength by formal line",
            ", ".join(f"{k} {share(v)}" for k, v in lines.items()),
        ),
        ("People with a manager in the people table", manager["people_with_a_manager"]),
        ("… with a strong tie to their manager", share(manager["strong"])),
        ("… with their manager among their 5 strongest ties", share(manager["among_top_ties"])),
    ]


def report_html(result: Any) -> str:
    """The whole page."""
    summary = result.summary
    specs = charts(result)
    value = summary["value"]
    rows = [
        ("Events", summary["events"]),
        ("People", summary["people"]),
        ("Ties (pairs)", summary["ties"]),
        ("Current ties", summary["current_ties"]),
        ("Departments", summary["departments"]),
        ("Communities", summary["communities"]),
        ("Silo departments", summary["silos"]),
        ("Isolated communities", summary["isolated_communities"]),
        ("Brokers", summary["brokers"]),
        ("Share of current tie strength across departments", summary["cross_department_share"]),
        ("Indicative value per person, median ($/year)", round(float(value["per_person_median"]), 2)),
    ]
    agreement = summary.get("communities_against_departments")
    if isinstance(agreement, dict):
        rows.append(
            (
                "Communities against departments (NMI / ARI)",
                f"{agreement['nmi']:.3f} / {agreement['ari']:.3f}",
            )
        )
    rows.extend(_formal_rows(summary))
    table = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    caveats = "".join(f"<li>{html.escape(c)}</li>" for c in value["caveats"])
    divs = "".join(f'<div class="chart" id="{k}"></div>' for k in specs)
    embeds = "".join(f"vegaEmbed('#{k}', {_json(spec)}, {{actions: false}});" for k, spec in specs.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>netvalue: organisation report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}}
th{{text-align:left;padding-right:2em;font-weight:normal;color:#444}}.chart{{width:100%;margin:2em 0}}</style>
{"".join(_script(s) for s in SCRIPTS)}
</head><body>
<h1>Organisation network</h1>
<table>{table}</table>
<h2>Indicative value</h2>
<p>{html.escape(str(value["formula"]))}; coefficient ${value["coefficient"]:,.0f} ({html.escape(str(value["source"]))}).</p>
<ul>{caveats}</ul>
{divs}
<script>{embeds}</script>
</body></html>
"""
