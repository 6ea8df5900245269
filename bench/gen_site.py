#!/usr/bin/env python3
"""Deterministic generator of synthetic baogao report sites (and the same pages as a Hugo site).

    python3 bench/gen_site.py --pages N --charts M --out DIR [--hugo HUGODIR] [--zola ZOLADIR] [--seed S]

Writes a baogao site to DIR:

    DIR/baogao.toml
    DIR/content/_index.md
    DIR/content/section-S/_index.md           ~20 sections
    DIR/content/section-S/page-K.md           N pages, 1-3 KB bodies, Chinese and English
    DIR/charts/chart-K.toml, chart-K.csv      M charts (optional), cycling through all ten kinds

Pages carry TOML front matter (title, date, description, tags from a pool of ~50), `##`
headings, lists, a GFM table, footnotes and relative links to other generated pages
(`../../section-3/page-17/`) that resolve. With charts, pages embed them with
`{{ chart(id="chart-K") }}` and quote values with `{{ value(...) }}`.

With --hugo HUGODIR the same pages are also written as a Hugo site (hugo.toml, content/,
a minimal layouts/ set and static/style.css), with the baogao shortcodes replaced by plain
text, so both generators build comparable output. With --zola ZOLADIR they are also written as a
Zola site (config.toml, content/ with tags under `[taxonomies]`, a templates/ set of the same
weight), shortcodes again as plain text.

All three sites list pages the way baogao's default theme does: section pages (and, but for
Zola, tag pages) paged 20 to a page, the home page showing the first 20 pages of every section.

Python 3.11 standard library only. The output depends only on the arguments: every page
and chart has its own random generator seeded from (seed, kind, index), and nothing reads
the clock, so page K is the same text whatever N is (except links, which pick targets
among the N pages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys

SECTION_COUNT = 20

SECTIONS = [
    ("宏观经济", "Macro economy"),
    ("财政收支", "Public finance"),
    ("固定资产投资", "Fixed-asset investment"),
    ("工业生产", "Industrial output"),
    ("消费市场", "Consumption"),
    ("对外贸易", "Foreign trade"),
    ("金融运行", "Finance and credit"),
    ("房地产", "Real estate"),
    ("就业与收入", "Jobs and income"),
    ("物价", "Prices"),
    ("人口", "Population"),
    ("能源", "Energy"),
    ("交通运输", "Transport"),
    ("科技创新", "Innovation"),
    ("农业农村", "Agriculture"),
    ("区域发展", "Regional development"),
    ("生态环境", "Environment"),
    ("社会保障", "Social security"),
    ("教育卫生", "Education and health"),
    ("营商环境", "Business environment"),
]

TAGS = [
    "重庆", "成渝", "长江经济带", "GDP", "CPI", "PPI", "PMI", "财政收入", "财政支出",
    "专项债", "基础设施", "制造业", "汽车", "新能源", "电子信息", "数字经济", "人工智能",
    "房地产", "消费", "社零", "出口", "进口", "外资", "FDI", "信贷", "社融", "利率",
    "就业", "收入", "人口", "城镇化", "农业", "粮食", "能源", "电力", "碳排放", "交通",
    "物流", "港口", "科技创新", "研发投入", "专利", "教育", "医疗", "养老", "营商环境",
    "民营经济", "国企改革", "区县", "季度数据",
]

PLACES = [
    "渝中区", "江北区", "南岸区", "九龙坡区", "沙坪坝区", "渝北区", "巴南区", "北碚区",
    "万州区", "涪陵区", "永川区", "江津区", "合川区", "长寿区", "綦江区", "大足区",
    "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区", "梁平区", "武隆区", "黔江区",
]

METRICS = [
    "地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入",
    "进出口总额", "实际使用外资", "城镇调查失业率", "居民人均可支配收入", "研发经费投入",
    "新增贷款", "商品房销售面积", "全社会用电量", "货物运输量", "粮食产量", "新能源汽车产量",
]

EN_TERMS = [
    "year on year", "month on month", "GDP", "CPI", "PMI", "the base effect", "seasonally adjusted",
    "the headline figure", "the core index", "nominal growth", "real growth", "the 2024 baseline",
    "local government bonds", "the services sector", "high-tech manufacturing", "EV output",
]

CN_OPENERS = [
    "从公开数据看，", "据统计部门发布的数据，", "与上年同期相比，", "按可比价格计算，", "分季度看，",
    "值得注意的是，", "从结构上看，", "如果剔除基数因素，", "放在全国坐标中看，", "从区县层面看，",
]

CN_COMMENTS = [
    "增速较上月略有回落", "结构继续向高技术领域倾斜", "但总量仍低于疫情前水平", "拉动作用比去年更明显",
    "与时间进度大体同步", "主要受价格因素影响", "其中一次性因素的贡献不小", "区县之间分化仍然明显",
    "口径调整使同比数据需谨慎解读", "原文未公布分项数据", "这一比重在过去三年稳步上升",
    "低于年初确定的预期目标", "对下半年的判断仍偏谨慎",
]

EN_SENTENCES = [
    "The headline number looks strong, but most of the gain comes from a low base.",
    "Measured in real terms, growth slowed for the second quarter in a row.",
    "The data release does not break the total down by district, so the split here is an estimate.",
    "Investment in high-tech manufacturing grew faster than the overall figure.",
    "Household income rose roughly in line with nominal GDP.",
    "The official series was revised in March; earlier months are not strictly comparable.",
    "Exports of EVs and batteries account for most of the increase.",
    "The services PMI stayed above 50 for the sixth consecutive month.",
]

HEADINGS = [
    "总体情况", "结构变化", "区县对比", "Key numbers", "分项数据", "口径说明", "与全国比较",
    "Outlook", "风险与不确定性", "Methodology", "季度走势", "值得关注的细节", "小结",
]

UNITS = ["亿元", "万吨", "亿千瓦时", "万辆", "万人"]

MAX_BODY = 3072 - 330  # bytes, leaving room for the footnote definitions

KINDS = ["bar", "hbar", "stacked", "stacked100", "grouped", "line", "area", "donut", "waterfall", "bullet"]


def rng_for(seed: int, what: str, index: int) -> random.Random:
    # String seeds are hashed with SHA-512 by random.seed: stable across runs and
    # independent of PYTHONHASHSEED.
    return random.Random(f"baogao-bench:{seed}:{what}:{index}")


def section_of(k: int) -> int:
    """Section number (1-based) of page k (1-based): pages are dealt round-robin."""
    return (k - 1) % SECTION_COUNT + 1


def page_path(k: int) -> str:
    return f"section-{section_of(k)}/page-{k}"


def fmt(x: float, decimals: int = 1) -> str:
    return f"{x:.{decimals}f}"


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- charts


class Chart:
    """A chart spec, its CSV, and what a page can quote from it."""

    def __init__(self, k: int, seed: int):
        r = rng_for(seed, "chart", k)
        self.id = f"chart-{k}"
        self.data = f"{self.id}.csv"
        self.kind = KINDS[(k - 1) % len(KINDS)]
        metric = r.choice(METRICS)
        unit = r.choice(UNITS)
        self.extra: list[str] = []
        kind = self.kind
        if kind in ("bar", "hbar"):
            x = "地区"
            ycols = [metric]
            labels = r.sample(PLACES, r.randint(4, 9))
            rows = []
            for lab in labels:
                v = fmt(r.uniform(5, 900))
                if r.random() < 0.1:
                    v = "~" + v
                rows.append([lab, v])
            title = f"{r.choice(PLACES)[:2]}等区县{metric}比较"
        elif kind in ("stacked", "stacked100", "grouped", "line", "area"):
            ycols = r.sample(["制造业", "服务业", "农业", "建筑业", "基础设施"], r.randint(2, 3))
            if kind in ("line", "area"):
                x = "年份"
                start = r.randint(2008, 2014)
                labels = [f"{y}年" for y in range(start, start + r.randint(6, 12))]
            else:
                x = "地区"
                labels = r.sample(PLACES, r.randint(3, 7))
            rows = []
            for lab in labels:
                rows.append([lab] + [fmt(r.uniform(10, 500)) for _ in ycols])
            title = f"{metric}：分行业构成"
        elif kind == "donut":
            x = "领域"
            ycols = [metric]
            labels = r.sample(["基础设施", "制造业", "产业园区", "科技创新", "民生", "城市更新", "生态"], r.randint(3, 6))
            rows = [[lab, fmt(r.uniform(10, 800))] for lab in labels]
            title = f"{metric}的领域构成"
        elif kind == "waterfall":
            x = "领域"
            ycols = [metric]
            labels = r.sample(["基础设施", "制造业", "产业园区", "科技创新", "民生", "城市更新"], r.randint(3, 5))
            vals = [round(r.uniform(20, 600), 1) for _ in labels]
            total = round(sum(vals) * r.uniform(1.1, 1.4), 1)
            rows = [[lab, fmt(v)] for lab, v in zip(labels, vals)] + [["合计", fmt(total)]]
            labels = labels + ["合计"]
            title = f"{metric}由合计逐项拆分"
            self.extra.append('[remainder]\nlabel = "其他"\ntotal_row = "合计"\n')
        else:  # bullet
            x = "指标"
            ycols = ["完成率"]
            unit = "%"
            labels = r.sample(["年度计划完成率", "投资完成率", "开工率", "签约履约率"], r.randint(1, 4))
            rows = []
            for lab in labels:
                ref = r.uniform(30, 90)
                rows.append([lab, fmt(max(1.0, ref + r.uniform(-15, 10))), fmt(ref)])
            title = f"{metric}：完成率与时间进度"
        self.x, self.ycols, self.unit, self.labels, self.title = x, ycols, unit, labels, title
        header = [x] + ycols + (["时间进度"] if kind == "bullet" else [])
        self.csv = ",".join(header) + "\n" + "".join(",".join(row) + "\n" for row in rows)
        self.rows = rows

        lines = [
            f"title = {toml_str(title)}",
            f"subtitle = {toml_str('单位：' + unit + '；合成数据，仅供基准测试')}",
            f'kind = "{kind}"',
            f'data = "{self.data}"',
            f"x = {toml_str(x)}",
            "y = [" + ", ".join(toml_str(c) for c in ycols) + "]",
            f"unit = {toml_str(unit)}",
            "decimals = 1",
        ]
        if kind in ("bar", "hbar", "donut"):
            lines.append(f'sort = "{r.choice(["none", "asc", "desc"])}"')
            lines.append(f"highlight = [{toml_str(r.choice(labels))}]")
        if kind == "bullet":
            lines.append('reference = "时间进度"')
            lines.append("max = 100")
            lines.append("bands = [50, 75, 100]")
        lines.append(f"source = {toml_str('baogao 基准测试生成器（合成数据）')}")
        if r.random() < 0.5:
            lines.append(f"notes = {toml_str('数据为随机生成，' + r.choice(CN_COMMENTS) + '。')}")
        spec = "\n".join(lines) + "\n"
        for e in self.extra:
            spec += "\n" + e
        spec += f'\n[[assert]]\nexpr = "count() >= 1 and max({ycols[0]}) > 0"\nmessage = "至少一行正数"\n'
        self.spec = spec

    def quote(self, r: random.Random) -> tuple[str, str, str]:
        """A (row, col, plain text) the page can quote with {{ value(...) }}."""
        i = r.randrange(len(self.rows))
        j = r.randrange(len(self.ycols))
        row = self.rows[i]
        plain = row[1 + j].lstrip("~") + self.unit
        return row[0], self.ycols[j], plain


# ---------------------------------------------------------------- pages


def cn_sentence(r: random.Random) -> str:
    s = r.choice(CN_OPENERS) + r.choice(PLACES) + r.choice(METRICS)
    s += f"同比增长{r.uniform(-5, 15):.1f}%"
    if r.random() < 0.4:
        s += f"（{r.choice(EN_TERMS)}）"
    s += "，" + r.choice(CN_COMMENTS)
    if r.random() < 0.25:
        s += f"，**{r.choice(METRICS)}**达到{r.uniform(100, 9000):.1f}{r.choice(UNITS)}"
    return s + "。"


def paragraph(r: random.Random, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        parts.append(r.choice(EN_SENTENCES) + " " if r.random() < 0.25 else cn_sentence(r))
    return "".join(parts).strip()


def link_text(k: int, seed: int) -> str:
    return page_title(rng_for(seed, "title", k))


def page_title(r: random.Random) -> str:
    return f"{r.choice(PLACES)}{r.choice(METRICS)}观察：{r.choice(CN_COMMENTS)}"


class Page:
    def __init__(self, k: int, n: int, seed: int, charts: list[Chart]):
        r = rng_for(seed, "page", k)
        self.k = k
        self.title = page_title(rng_for(seed, "title", k))
        self.date = (dt.date(2020, 1, 1) + dt.timedelta(days=r.randrange(5 * 365))).isoformat()
        self.tags = r.sample(TAGS, r.randint(1, 4))
        self.description = paragraph(r, 1)[:80].rstrip("，。 ") + "。"
        target = r.randint(1024, 3072)
        here = page_path(k)
        # Body as a list of blocks; a block is either plain Markdown or, for shortcodes,
        # a (baogao, hugo) pair so both sites get the same page.
        blocks: list[str | tuple[str, str]] = []
        notes: list[str] = []

        def link() -> str:
            j = r.randint(1, n)
            if j == k and n > 1:
                j = j % n + 1
            return f"[{link_text(j, seed)}](../../{page_path(j)}/)"

        def footnote() -> str:
            notes.append(f"来源：{r.choice(PLACES)}统计局，{r.choice(['月度', '季度', '年度'])}数据；{r.choice(EN_TERMS)}.")
            return f"[^{len(notes)}]"

        blocks.append(paragraph(r, r.randint(1, 2)) + footnote())
        if n > 1:
            blocks.append(f"相关报告见{link()}。")
        headings = r.sample(HEADINGS, len(HEADINGS))
        blocks.append("## " + headings.pop())
        for c in charts:
            blocks.append((f'{{{{ chart(id="{c.id}") }}}}', f"图：{c.title}（{c.id}）"))
            row, col, plain = c.quote(r)
            code = f'{{{{ value(data="{c.data}", row="{row}", col="{col}") }}}}'
            blocks.append((f"图中{row}的{col}为{code}，{r.choice(CN_COMMENTS)}。",
                           f"图中{row}的{col}为{plain}，{r.choice(CN_COMMENTS)}。"))
        blocks.append(paragraph(r, r.randint(1, 3)))
        items = [f"- {cn_sentence(r)}" for _ in range(r.randint(3, 5))]
        if n > 1:
            items[-1] = f"- 参见{link()}"
        blocks.append("\n".join(items))
        blocks.append("## " + headings.pop())
        cols = ["地区", f"{r.randint(2019, 2023)}年", "本年", "同比（%）"]
        table = ["| " + " | ".join(cols) + " |", "|---|---:|---:|---:|"]
        for place in r.sample(PLACES, r.randint(3, 6)):
            a = r.uniform(50, 3000)
            b = a * r.uniform(0.9, 1.2)
            table.append(f"| {place} | {a:.1f} | {b:.1f} | {100 * (b / a - 1):.1f} |")
        blocks.append("\n".join(table))
        blocks.append(paragraph(r, 2) + footnote())

        def size() -> int:
            return sum(len((b if isinstance(b, str) else b[0]).encode()) + 2 for b in blocks)

        while size() < target:
            roll = r.random()
            if roll < 0.2 and headings:
                block = "## " + headings.pop()
            elif roll < 0.3:
                block = "\n".join(f"{i}. {cn_sentence(r)}" for i in range(1, r.randint(3, 4)))
            elif roll < 0.4 and n > 1:
                block = f"另见{link()}，以及~~旧口径~~新口径下的{r.choice(METRICS)}。"
            else:
                block = paragraph(r, r.randint(1, 3))
                if r.random() < 0.2:
                    block += footnote()
            if size() + len(block.encode()) > MAX_BODY:
                if block.endswith(f"[^{len(notes)}]"):
                    notes.pop()
                break
            blocks.append(block)
        blocks.append("\n".join(f"[^{i}]: {t}" for i, t in enumerate(notes, 1)))
        self.blocks = blocks

    def front_matter(self) -> str:
        return (
            "+++\n"
            f"title = {toml_str(self.title)}\n"
            f"date = {self.date}\n"
            f"description = {toml_str(self.description)}\n"
            "tags = [" + ", ".join(toml_str(t) for t in self.tags) + "]\n"
            "+++\n\n"
        )

    def zola_front_matter(self) -> str:
        # Zola reads taxonomies from their own table, not top-level keys.
        return (
            "+++\n"
            f"title = {toml_str(self.title)}\n"
            f"date = {self.date}\n"
            f"description = {toml_str(self.description)}\n"
            "[taxonomies]\n"
            "tags = [" + ", ".join(toml_str(t) for t in self.tags) + "]\n"
            "+++\n\n"
        )

    def markdown(self, hugo: bool, zola: bool = False) -> str:
        plain = hugo or zola
        body = "\n\n".join(b if isinstance(b, str) else b[1 if plain else 0] for b in self.blocks)
        head = self.zola_front_matter() if zola else self.front_matter()
        return head + body + "\n"


def section_index(s: int, n: int, seed: int, zola: bool = False) -> str:
    r = rng_for(seed, "section", s)
    cn, en = SECTIONS[(s - 1) % len(SECTIONS)]
    title = cn if s <= len(SECTIONS) else f"{cn}（{s}）"
    body = paragraph(r, 2)
    first = [k for k in range(s, min(n, s + 3 * SECTION_COUNT) + 1, SECTION_COUNT)]
    links = "\n".join(f"- [{link_text(k, seed)}](../{page_path(k)}/)" for k in first[:3])
    return (
        "+++\n"
        f"title = {toml_str(title)}\n"
        f"description = {toml_str(f'{cn}（{en}）专题：合成的基准测试数据。')}\n"
        + ('sort_by = "date"\npaginate_by = 20\n' if zola else "")
        + "+++\n\n"
        f"{body}\n\n{links}\n"
    )


HOME = """+++
title = "baogao 基准测试站点"
description = "A synthetic report site for benchmarking static site generators."
+++

这是一个由 `bench/gen_site.py` 生成的合成站点，用来比较静态网站生成器的构建速度。
All numbers here are random; the structure mirrors a real report site.
"""

BAOGAO_TOML = """title = "baogao 基准测试站点"
base_url = "https://bench.example.org/"
language = "zh-CN"
description = "A synthetic report site for benchmarking static site generators."
author = "bench/gen_site.py"

[charts]
width = 720
height = 420
palette = ["#1f4e79", "#d55e00", "#117733", "#aa4499", "#8c6d1f", "#6b6b6b"]

[format]
decimals = 1
"""

HUGO_TOML = """baseURL = "https://bench.example.org/"
title = "baogao 基准测试站点"
locale = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
disableKinds = []

[params]
description = "A synthetic report site for benchmarking static site generators."
author = "bench/gen_site.py"

[taxonomies]
tag = "tags"

[pagination]
pagerSize = 20
"""

# Hugo layouts of about the weight of baogao's default theme (templates/): a head with
# description, canonical link, feed link and Open Graph tags; a header with a nav; pages with
# section kicker, date, reading time, tags and a table of contents (shown twice, inline and
# in a rail, as baogao's page.html does); listings of entries (title, date, summary) — the
# home page lists every section's pages, as baogao's index.html does; a tag index and
# tag pages.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<meta name="author" content="{{ site.Params.author }}">
<meta name="generator" content="Hugo">
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
{{ if .IsPage }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02" }}">
{{ range .GetTerms "tags" }}<meta property="article:tag" content="{{ .LinkTitle }}">
{{ end }}{{ end }}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header"><a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ partialCached "nav.html" . }}
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ site.Title }}</p><p>作者：{{ site.Params.author }}</p><p>由 Hugo 生成</p></footer>
</body>
</html>
""",
    # The nav is the same on every page: cached, as any Hugo theme does (calling
    # site.Sections on each of 10,000 pages costs Hugo 0.168 about 8 s of CPU).
    "_partials/nav.html": """<nav aria-label="站点导航"><ul><li><a href="{{ "/" | relURL }}">首页</a></li>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li><a href="{{ "tags/" | relURL }}">标签</a></li><li><a href="{{ "index.xml" | relURL }}">订阅</a></li></ul></nav>
""",
    "_partials/entry.html": """<li class="entry">
<h3 class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></p>
<div class="entry-summary">{{ with .Description }}{{ . }}{{ else }}{{ .Summary }}{{ end }}</div>
</li>
""",
    "list.html": """{{ define "main" }}
<header class="page-head"><h1>{{ .Title }}</h1>{{ with .Description }}<p class="dek">{{ . }}</p>{{ end }}</header>
{{ with .Content }}<div class="prose intro">{{ . }}</div>{{ end }}
{{ if .IsHome }}
{{ range $i, $s := site.Sections }}
<section class="listing"><h2 id="section-{{ $i }}"><a href="{{ $s.RelPermalink }}">{{ $s.Title }}</a></h2>
{{ with $s.Description }}<p class="listing-desc">{{ . }}</p>{{ end }}
<ul class="entries">{{ range first 20 $s.Pages }}{{ partial "entry.html" . }}{{ end }}</ul>
{{ if gt (len $s.Pages) 20 }}<p class="more"><a href="{{ $s.RelPermalink }}">全部 {{ len $s.Pages }} 篇报告</a></p>{{ end }}
</section>
{{ end }}
{{ else }}
{{ $pager := .Paginate .Pages }}
<section class="listing"><h2>本栏目报告（{{ len .Pages }}）</h2>
<ul class="entries">{{ range $pager.Pages }}{{ partial "entry.html" . }}{{ end }}</ul>
</section>
{{ partial "pager.html" $pager }}
{{ end }}
{{ end }}
""",
    "single.html": """{{ define "main" }}
<article class="report">
<header class="report-head">
{{ with .Parent }}<p class="kicker"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="dek">{{ . }}</p>{{ end }}
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time><span>阅读约 {{ .ReadingTime }} 分钟</span></p>
{{ with .GetTerms "tags" }}<ul class="tag-list">{{ range . }}<li><a href="{{ .RelPermalink }}" rel="tag">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</header>
{{ with .TableOfContents }}<details class="toc toc-inline"><summary>目录</summary>{{ . }}</details>{{ end }}
<div class="prose">{{ .Content }}</div>
{{ with .TableOfContents }}<div class="toc-rail"><p class="toc-title">目录</p>{{ . }}</div>{{ end }}
</article>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<header class="page-head"><h1>标签</h1><p class="dek">共 {{ len .Data.Terms }} 个标签。</p></header>
<ul class="tag-index">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}<span class="count">{{ .Count }}</span></a></li>
{{ end }}</ul>
{{ end }}
""",
    "term.html": """{{ define "main" }}
<header class="page-head"><h1>标签：{{ .Title }}</h1><p class="dek">共 {{ len .Pages }} 篇报告</p></header>
{{ $pager := .Paginate .Pages }}
<ul class="entries">{{ range $pager.Pages }}{{ partial "entry.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "_partials/pager.html": """{{ if gt .TotalPages 1 }}<nav class="pager" aria-label="分页"><ul>
{{ with .Prev }}<li><a rel="prev" href="{{ .URL }}">上一页</a></li>{{ end }}
<li>第 {{ .PageNumber }} / {{ .TotalPages }} 页</li>
{{ with .Next }}<li><a rel="next" href="{{ .URL }}">下一页</a></li>{{ end }}
</ul></nav>{{ end }}
""",
}

ZOLA_CONFIG = """base_url = "https://bench.example.org"
title = "baogao 基准测试站点"
description = "A synthetic report site for benchmarking static site generators."
default_language = "zh"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["atom.xml"]
taxonomies = [{ name = "tags", feed = true }]

[extra]
author = "bench/gen_site.py"
"""

# Zola templates of the same weight as the Hugo layouts above and baogao's default theme.
# Tag pages are not paged: Zola 0.22 serializes a term with all its pages for every pager
# page, which on 10,000 pages costs it ~9 of ~16 CPU-s; unpaged it is at its fastest.
# The nav's section list is written into base.html by the generator (a Hugo theme caches
# it with partialCached; Zola has no partial cache, and a get_section per section on each
# of 10,000 pages would time the template rather than the generator).
ZOLA_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<meta name="description" content="{% block description %}{{ config.description }}{% endblock %}">
<meta name="author" content="{{ config.extra.author }}">
<meta name="generator" content="Zola">
<link rel="canonical" href="{{ current_url | safe }}">
<link rel="alternate" type="application/atom+xml" title="{{ config.title }}" href="{{ get_url(path="atom.xml", trailing_slash=false) }}">
<link rel="stylesheet" href="{{ get_url(path="style.css") }}">
<meta property="og:site_name" content="{{ config.title }}">
<meta property="og:url" content="{{ current_url | safe }}">
{% block og %}{% endblock %}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header"><a class="site-title" href="{{ get_url(path="/") }}">{{ config.title }}</a>
<nav aria-label="站点导航"><ul><li><a href="{{ get_url(path="/") }}">首页</a></li>NAV_ITEMS<li><a href="{{ get_url(path="tags/") }}">标签</a></li><li><a href="{{ get_url(path="atom.xml", trailing_slash=false) }}">订阅</a></li></ul></nav>
</header>
<main id="main">{% block main %}{% endblock %}</main>
<footer class="site-footer"><p>{{ config.title }}</p><p>作者：{{ config.extra.author }}</p><p>由 Zola 生成</p></footer>
</body>
</html>
""",
    "macros.html": """{% macro entry(p) %}<li class="entry">
<h3 class="entry-title"><a href="{{ p.permalink | safe }}">{{ p.title }}</a></h3>
<p class="meta"><time datetime="{{ p.date | date(format="%Y-%m-%d") }}">{{ p.date | date(format="%Y年%-m月%-d日") }}</time></p>
<div class="entry-summary">{% if p.description %}{{ p.description }}{% else %}{{ p.summary | safe }}{% endif %}</div>
</li>
{% endmacro %}
{% macro toc(headers) %}<ul>{% for h in headers %}<li><a href="#{{ h.id }}">{{ h.title }}</a>{% if h.children %}<ul>{% for c in h.children %}<li><a href="#{{ c.id }}">{{ c.title }}</a></li>{% endfor %}</ul>{% endif %}</li>{% endfor %}</ul>{% endmacro %}
{% macro pager(paginator) %}{% if paginator.number_pagers > 1 %}<nav class="pager" aria-label="分页"><ul>
{% if paginator.previous %}<li><a rel="prev" href="{{ paginator.previous | safe }}">上一页</a></li>{% endif %}
<li>第 {{ paginator.current_index }} / {{ paginator.number_pagers }} 页</li>
{% if paginator.next %}<li><a rel="next" href="{{ paginator.next | safe }}">下一页</a></li>{% endif %}
</ul></nav>{% endif %}{% endmacro %}
""",
    "index.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block main %}
<header class="page-head"><h1>{{ section.title }}</h1>{% if section.description %}<p class="dek">{{ section.description }}</p>{% endif %}</header>
{% if section.content %}<div class="prose intro">{{ section.content | safe }}</div>{% endif %}
{% for path in section.subsections %}{% set s = get_section(path=path) %}
<section class="listing"><h2 id="section-{{ loop.index }}"><a href="{{ s.permalink | safe }}">{{ s.title }}</a></h2>
{% if s.description %}<p class="listing-desc">{{ s.description }}</p>{% endif %}
<ul class="entries">{% for p in s.pages | slice(end=20) %}{{ m::entry(p=p) }}{% endfor %}</ul>
{% if s.pages | length > 20 %}<p class="more"><a href="{{ s.permalink | safe }}">全部 {{ s.pages | length }} 篇报告</a></p>{% endif %}
</section>
{% endfor %}
{% endblock %}
""",
    "section.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block description %}{{ section.description | default(value=config.description) }}{% endblock %}
{% block main %}
<header class="page-head"><h1>{{ section.title }}</h1>{% if section.description %}<p class="dek">{{ section.description }}</p>{% endif %}</header>
{% if section.content %}<div class="prose intro">{{ section.content | safe }}</div>{% endif %}
<section class="listing"><h2>本栏目报告（{{ paginator.total_pages }}）</h2>
<ul class="entries">{% for p in paginator.pages %}{{ m::entry(p=p) }}{% endfor %}</ul>
</section>
{{ m::pager(paginator=paginator) }}
{% endblock %}
""",
    "page.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block description %}{{ page.description | default(value=config.description) }}{% endblock %}
{% block og %}<meta property="og:type" content="article">
<meta property="og:title" content="{{ page.title }}">
<meta property="article:published_time" content="{{ page.date | date(format="%Y-%m-%d") }}">
{% if page.taxonomies.tags %}{% for t in page.taxonomies.tags %}<meta property="article:tag" content="{{ t }}">
{% endfor %}{% endif %}{% endblock %}
{% block main %}
<article class="report">
<header class="report-head">
{% set parent = get_section(path=page.ancestors | last, metadata_only=true) %}
<p class="kicker"><a href="{{ parent.permalink | safe }}">{{ parent.title }}</a></p>
<h1>{{ page.title }}</h1>
{% if page.description %}<p class="dek">{{ page.description }}</p>{% endif %}
<p class="meta"><time datetime="{{ page.date | date(format="%Y-%m-%d") }}">{{ page.date | date(format="%Y年%-m月%-d日") }}</time><span>阅读约 {{ page.reading_time }} 分钟</span></p>
{% if page.taxonomies.tags %}<ul class="tag-list">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}" rel="tag">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
</header>
{% if page.toc %}<details class="toc toc-inline"><summary>目录</summary>{{ m::toc(headers=page.toc) }}</details>{% endif %}
<div class="prose">{{ page.content | safe }}</div>
{% if page.toc %}<div class="toc-rail"><p class="toc-title">目录</p>{{ m::toc(headers=page.toc) }}</div>{% endif %}
</article>
{% endblock %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}
{% block title %}标签 | {{ config.title }}{% endblock %}
{% block main %}
<header class="page-head"><h1>标签</h1><p class="dek">共 {{ terms | length }} 个标签。</p></header>
<ul class="tag-index">
{% for t in terms %}<li><a href="{{ t.permalink | safe }}">{{ t.name }}<span class="count">{{ t.pages | length }}</span></a></li>
{% endfor %}</ul>
{% endblock %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}标签：{{ term.name }} | {{ config.title }}{% endblock %}
{% block main %}
<header class="page-head"><h1>标签：{{ term.name }}</h1><p class="dek">共 {{ term.pages | length }} 篇报告</p></header>
<ul class="entries">{% for p in term.pages %}{{ m::entry(p=p) }}{% endfor %}</ul>
{% endblock %}
""",
}

STYLE_CSS = "body{font-family:sans-serif;max-width:46rem;margin:auto}\n"


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(out: str, force_marker: str) -> None:
    """Empty `out` if it is a site this script wrote before; refuse anything else."""
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, force_marker)):
            sys.exit(f"gen_site.py: {out} exists and was not written by gen_site.py; refusing to overwrite")
        shutil.rmtree(out)
    os.makedirs(out)
    write(os.path.join(out, force_marker), "written by bench/gen_site.py\n")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of report pages (N)")
    ap.add_argument("--charts", type=int, default=0, help="number of charts (M), spread over the pages")
    ap.add_argument("--out", required=True, help="folder for the baogao site (emptied first)")
    ap.add_argument("--hugo", help="also write the same pages as a Hugo site here")
    ap.add_argument("--zola", help="also write the same pages as a Zola site here")
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    args = ap.parse_args(argv)
    n, m = args.pages, args.charts
    if n < 1 or m < 0:
        ap.error("--pages must be at least 1 and --charts at least 0")

    charts = [Chart(k, args.seed) for k in range(1, m + 1)]
    # Chart K goes to page (K - 1) % N + 1: ~M/N charts per page, each drawn once.
    per_page: dict[int, list[Chart]] = {}
    for c_index, c in enumerate(charts):
        per_page.setdefault(c_index % n + 1, []).append(c)

    marker = ".gen_site"
    prepare(args.out, marker)
    write(os.path.join(args.out, "baogao.toml"), BAOGAO_TOML)
    write(os.path.join(args.out, "content", "_index.md"), HOME)
    hugo = args.hugo
    if hugo:
        prepare(hugo, marker)
        write(os.path.join(hugo, "hugo.toml"), HUGO_TOML)
        write(os.path.join(hugo, "content", "_index.md"), HOME)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo, "layouts", name), text)
        write(os.path.join(hugo, "static", "style.css"), STYLE_CSS)
    sections = min(SECTION_COUNT, n)
    zola = args.zola
    if zola:
        prepare(zola, marker)
        write(os.path.join(zola, "config.toml"), ZOLA_CONFIG)
        write(os.path.join(zola, "content", "_index.md"), HOME.replace("+++\n\n", 'sort_by = "date"\n+++\n\n', 1))
        nav = "".join(f'<li><a href="{{{{ get_url(path="@/section-{s}/_index.md") }}}}">{SECTIONS[(s - 1) % len(SECTIONS)][0]}</a></li>'
                      for s in range(1, sections + 1))
        for name, text in ZOLA_TEMPLATES.items():
            write(os.path.join(zola, "templates", name), text.replace("NAV_ITEMS", nav))
        write(os.path.join(zola, "static", "style.css"), STYLE_CSS)
    for s in range(1, sections + 1):
        text = section_index(s, n, args.seed)
        write(os.path.join(args.out, "content", f"section-{s}", "_index.md"), text)
        if hugo:
            write(os.path.join(hugo, "content", f"section-{s}", "_index.md"), text)
        if zola:
            write(os.path.join(zola, "content", f"section-{s}", "_index.md"), section_index(s, n, args.seed, zola=True))
    for k in range(1, n + 1):
        page = Page(k, n, args.seed, per_page.get(k, []))
        rel = page_path(k) + ".md"
        write(os.path.join(args.out, "content", rel), page.markdown(hugo=False))
        if hugo:
            write(os.path.join(hugo, "content", rel), page.markdown(hugo=True))
        if zola:
            write(os.path.join(zola, "content", rel), page.markdown(hugo=False, zola=True))
    for c in charts:
        write(os.path.join(args.out, "charts", f"{c.id}.toml"), c.spec)
        write(os.path.join(args.out, "charts", c.data), c.csv)
    print(f"gen_site.py: {n} pages in {sections} sections, {m} charts -> {args.out}"
          + (f" (and Hugo site {hugo})" if hugo else "")
          + (f" (and Zola site {zola})" if zola else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
