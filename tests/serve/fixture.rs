//! The small site every serve test starts from: a home page, a section, one report
//! quoting `sample.csv` with a value and a share, and one chart on it. The tests edit
//! these exact lines, so the fixture is theirs, not `baogao init`'s (which may change).

use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "baogao.toml",
        r#"title = "我的数据报告"
base_url = "https://example.org/"
language = "zh-CN"
description = "用 baogao 生成的数据报告"
author = ""

[charts]
width = 720
height = 420

[format]
decimals = 1
"#,
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"我的数据报告\"\n+++\n\n欢迎。报告列在下方。\n",
    ),
    ("content/reports/_index.md", "+++\ntitle = \"报告\"\n+++\n"),
    (
        "content/reports/sample.md",
        r#"+++
title = "示例报告"
date = 2026-01-01
description = "一份示例报告：正文里的数字来自数据文件。"
tags = ["示例"]
source = "示例数据"
+++

甲类占全部的{{ share(data="sample.csv", row="甲", col="数值") }}，
数值为{{ value(data="sample.csv", row="甲", col="数值") }}。

<!-- more -->

## 构成

{{ chart(id="sample") }}
"#,
    ),
    ("charts/sample.csv", "类别,数值\n甲,120\n乙,~80\n丙,>40\n"),
    (
        "charts/sample.toml",
        r#"title = "甲类最多"
subtitle = "单位：亿元"
kind = "bar"
data = "sample.csv"
x = "类别"
y = ["数值"]
unit = "亿元"
sort = "desc"
highlight = ["甲"]
source = "示例数据"
notes = "乙为约数；丙为下限。"

[[assert]]
expr = "sum(数值) > 0"
message = "数值之和应为正"
"#,
    ),
];

/// Writes the fixture into `root` (created if needed).
pub fn write(root: &Path) {
    for (rel, text) in FILES {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}
