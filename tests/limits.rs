//! Resource limits: a 50 MB CSV (1M rows) and a 20 MB workbook (700k rows) drawn by a chart, a 10 MB Markdown page,
//! and pathological Markdown (100,000 nested `>` or `[`, 50,000 nested list items).
//! Each build must succeed or fail cleanly (exit 0 or 1, a message, no panic, no
//! crash from a blown stack), with the child's peak memory (VmHWM from /proc, polled
//! while it runs) under 2 GiB and within a time bound.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::fmt::Write as _;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

/// Peak memory allowed to one build.
const MAX_RSS_KIB: u64 = 2 * 1024 * 1024;

struct Measured {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory in KiB (0 where /proc is not available).
    peak_kib: u64,
    took: Duration,
}

/// VmHWM of a live process, in KiB.
fn hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `baogao build` in `site` and watches its memory until it exits.
fn build_measured(site: &Site, limit: Duration) -> Measured {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .arg("build")
        .current_dir(site.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).ok();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).ok();
        String::from_utf8_lossy(&s).into_owned()
    });
    let mut peak_kib = 0;
    let status = loop {
        // Read before checking for exit: VmHWM only grows, and vanishes at exit.
        if let Some(k) = hwm_kib(pid) {
            peak_kib = peak_kib.max(k);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("build took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Measured {
        code: status.code(),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        peak_kib,
        took: started.elapsed(),
    }
}

/// Exit 0, or exit 1 with a message; never a panic, a signal or too much memory.
fn assert_clean(m: &Measured, what: &str) {
    let tail: String = {
        let chars: Vec<char> = m.stderr.chars().collect();
        chars[chars.len().saturating_sub(2000)..].iter().collect()
    };
    eprintln!(
        "{what}: exit {:?} in {:.1} s, peak {} MiB; {}",
        m.code,
        m.took.as_secs_f64(),
        m.peak_kib / 1024,
        m.stdout.trim()
    );
    assert!(
        matches!(m.code, Some(0) | Some(1)),
        "{what}: exit {:?} (a signal means a crash, e.g. a stack overflow):\n{tail}",
        m.code
    );
    assert!(
        !m.stderr.contains("panicked") && !m.stderr.contains("internal error"),
        "{what}:\n{tail}"
    );
    if m.code == Some(1) {
        assert!(m.stderr.contains("error: "), "{what}: failed silently");
    }
    assert!(
        m.peak_kib < MAX_RSS_KIB,
        "{what}: peak memory {} MiB",
        m.peak_kib / 1024
    );
}

#[test]
fn a_50_mb_csv_with_a_million_rows() {
    let site = Site::new();
    let mut csv = String::with_capacity(52 * 1024 * 1024);
    csv.push_str("类别,投资,产出,备注\n");
    for i in 0..1_000_000u32 {
        writeln!(
            csv,
            "重点项目第{i:07}号,{}.{},~{},按月统计口径",
            i % 997,
            i % 10,
            i % 89
        )
        .unwrap();
    }
    assert!(csv.len() >= 50_000_000, "{} bytes", csv.len());
    site.write("charts/big.csv", &csv);
    drop(csv);
    site.write(
        "charts/big.toml",
        "title = \"百万行\"\nkind = \"line\"\ndata = \"big.csv\"\nx = \"类别\"\ny = [\"投资\"]\n",
    );
    site.write(
        "content/big.md",
        "+++\ntitle = \"大数据\"\n+++\n\n{{ value(data=\"big.csv\", row=\"重点项目第0999999号\", col=\"投资\") }}\n\n{{ chart(id=\"big\") }}\n",
    );
    let m = build_measured(&site, Duration::from_secs(300));
    assert_clean(&m, "50 MB CSV");
    if m.code == Some(0) {
        // Row 999999: 999999 % 997 = 8 and 999999 % 10 = 9.
        let page = site.read_text("public/big/index.html");
        assert!(page.contains("<p>8.9</p>"), "value");
    } else {
        assert!(m.stderr.contains("charts/big"), "{}", m.stderr);
    }
}

#[test]
fn a_20_mb_workbook() {
    let site = Site::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("数据").unwrap();
    sheet.write_string(0, 0, "表1 百万行").unwrap();
    sheet.write_string(1, 0, "单位：亿元").unwrap();
    for (col, name) in ["类别", "投资", "产出", "备注"].iter().enumerate() {
        sheet.write_string(2, col as u16, *name).unwrap();
    }
    let rows = 700_000u32;
    for i in 0..rows {
        let row = i + 3;
        sheet
            .write_string(row, 0, format!("重点项目第{i:07}号"))
            .unwrap();
        sheet
            .write_number(row, 1, f64::from(i % 997) + f64::from(i % 10) / 10.0)
            .unwrap();
        sheet.write_number(row, 2, f64::from(i) * 1.37).unwrap();
        sheet
            .write_string(row, 3, format!("按月统计口径{}", i % 1013))
            .unwrap();
    }
    book.save(site.path("charts/big.xlsx")).unwrap();
    drop(book);
    let size = std::fs::metadata(site.path("charts/big.xlsx"))
        .unwrap()
        .len();
    assert!(size >= 20_000_000, "{size} bytes");
    site.write(
        "charts/big.toml",
        "title = \"百万行\"\nkind = \"line\"\ndata = \"big.xlsx\"\nx = \"类别\"\ny = [\"投资\"]\n",
    );
    site.write(
        "content/big.md",
        "+++\ntitle = \"大数据\"\n+++\n\n{{ value(data=\"big.xlsx\", row=\"重点项目第0699999号\", col=\"投资\") }}\n\n{{ chart(id=\"big\") }}\n",
    );
    let m = build_measured(&site, Duration::from_secs(300));
    assert_clean(&m, "20 MB workbook");
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    let page = site.read("public/big/index.html");
    assert!(page.contains("105.9"), "value");
}

#[test]
fn a_10_mb_markdown_page() {
    let site = Site::new();
    let mut md = String::from("+++\ntitle = \"长文\"\n+++\n\n");
    let mut i = 0;
    while md.len() < 10 * 1024 * 1024 {
        i += 1;
        if i % 50 == 0 {
            writeln!(md, "## 第{i}节\n").unwrap();
        }
        writeln!(
            md,
            "第{i}段：重庆市级重点项目完成投资结构观察，**基础设施**占比最高，*制造业*次之，\
             数据见[附表](#di-{i}jie)与脚注[^{i}]。\n\n[^{i}]: 来源：重庆市发展改革委。\n"
        )
        .unwrap();
    }
    site.write("content/long.md", &md);
    let m = build_measured(&site, Duration::from_secs(120));
    assert_clean(&m, "10 MB Markdown");
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    assert!(site.path("public/long/index.html").is_file());
}

/// Pages of deeply nested Markdown, each on its own site so one failure cannot hide
/// another.
#[test]
fn pathological_markdown_does_not_blow_the_stack() {
    let cases: [(&str, String); 6] = [
        ("100,000 nested >", format!("{}深\n", ">".repeat(100_000))),
        (
            "100,000 nested > with spaces",
            format!("{}深\n", "> ".repeat(100_000)),
        ),
        ("100,000 [", format!("{}x\n", "[".repeat(100_000))),
        (
            "100,000 [ then ]( )",
            format!("{}x{}\n", "[".repeat(100_000), "](u)".repeat(100_000)),
        ),
        (
            "50,000 nested list items",
            format!("{}x\n", "- ".repeat(50_000)),
        ),
        (
            "50,000 nested emphasis and links",
            format!("{}x{}\n", "*_[".repeat(50_000), "](u)_*".repeat(50_000)),
        ),
    ];
    for (what, body) in cases {
        let site = Site::new();
        site.write(
            "content/deep.md",
            &format!("+++\ntitle = \"深\"\n+++\n\n# 标题\n\n{body}\n<!-- more -->\n"),
        );
        let m = build_measured(&site, Duration::from_secs(60));
        assert_clean(&m, what);
    }
}

/// Deeply nested TOML, JSON and YAML are refused by their parsers' depth limits, with
/// the file and place, instead of overflowing the stack.
#[test]
fn deeply_nested_data_files_fail_cleanly() {
    let n = 100_000;
    let site = Site::new();
    site.write(
        "charts/deep.toml",
        &format!(
            "title = \"t\"\nkind = \"bar\"\ndata = \"d.csv\"\nx = {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    site.write(
        "charts/deep.json",
        &format!("{}{}", "[".repeat(n), "]".repeat(n)),
    );
    site.write(
        "charts/rows.toml",
        &format!("[[rows]]\na = {}1{}\n", "{x=".repeat(n), "}".repeat(n)),
    );
    site.write(
        "content/deep.md",
        &format!("---\ntitle: {}{}\n---\n", "[".repeat(n), "]".repeat(n)),
    );
    let m = build_measured(&site, Duration::from_secs(60));
    assert_clean(&m, "deeply nested data");
    assert_eq!(m.code, Some(1));
    for file in [
        "charts/deep.toml:4:",
        "charts/deep.json:1:",
        "charts/rows.toml:2:",
        "content/deep.md:2:",
    ] {
        assert!(m.stderr.contains(file), "{file} not named:\n{}", m.stderr);
    }
}
