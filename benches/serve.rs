//! Rebuild times of `baogao serve` on a generated site of 10,000 pages (20 sections,
//! 40 tags, 20 data files and charts; every page quotes a data file, one in ten embeds
//! a chart): the full build, then one-page edits of the body, the title, the date (the
//! page moves between its listings' pager pages each time), the tags, a one-CSV edit,
//! and one whose numbers are quoted in the pages' summaries (listings again). Each is
//! the median of 15 edits, with the files re-rendered (pages + listings). Run with
//! `cargo bench --bench serve` (`-- --pages N` for another size, `--only title,date`
//! for some edits alone, e.g. under a profiler). Times are the engine's rebuild after
//! the file is written, as `serve` runs it once the watcher's 60 ms debounce has passed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

// The allocator the `baogao` binary runs `serve` with (src/main.rs), so the bench times
// what a user gets.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use baogao::serve::engine::{Engine, Work};
use baogao::site::{self, BuildOptions};
use baogao::write::MemoryOutput;

const SECTIONS: usize = 20;
const DATA: usize = 20;
const TAGS: usize = 40;
/// Edits of each kind measured (`--rounds N` for another number).
const ROUNDS: usize = 15;

fn generate(root: &Path, pages: usize) {
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    w(
        "baogao.toml",
        "title = \"基准站点\"\nbase_url = \"https://example.org/bench/\"\n",
    );
    w(
        "content/_index.md",
        "+++\ntitle = \"基准站点\"\n+++\n\n首页。\n",
    );
    for s in 0..SECTIONS {
        w(
            &format!("content/s{s:02}/_index.md"),
            &format!("+++\ntitle = \"栏目{s}\"\n+++\n\n栏目说明。\n"),
        );
    }
    for d in 0..DATA {
        let mut csv = String::from("地区,数值,增速\n");
        for r in 0..12 {
            let _ = writeln!(csv, "地区{r},{},{}.{}", 100 + r * 7 + d, r % 9, d % 10);
        }
        csv.push_str("合计,2000,5.0\n");
        w(&format!("charts/d{d:02}.csv"), &csv);
        w(
            &format!("charts/c{d:02}.toml"),
            &format!("title = \"图{d}\"\nkind = \"bar\"\ndata = \"d{d:02}.csv\"\nx = \"地区\"\ny = [\"数值\"]\nunit = \"亿元\"\n"),
        );
    }
    for i in 0..pages {
        let (s, d) = (i % SECTIONS, i % DATA);
        let chart = if i % 10 == 0 {
            format!("{{{{ chart(id=\"c{d:02}\") }}}}\n\n")
        } else {
            String::new()
        };
        let text = format!(
            "+++\ntitle = \"第{i}篇报告\"\ndate = 2026-{:02}-{:02}\ntags = [\"标签{}\", \"标签{}\"]\n+++\n\n\
             第一段：地区3的数值为{{{{ value(data=\"d{d:02}.csv\", row=\"地区3\", col=\"数值\") }}}}，\
             占合计的{{{{ share(data=\"d{d:02}.csv\", row=\"地区3\", col=\"数值\") }}}}。\n\n\
             ## 分析\n\n{chart}第二段正文，有**强调**和[链接](https://example.org/)。\n\n\
             | 项 | 值 |\n|---|---|\n| 甲 | 1 |\n\n结尾段落。\n",
            1 + i % 12,
            1 + i % 28,
            i % TAGS,
            (i * 7) % TAGS
        );
        w(&format!("content/s{s:02}/p{i:05}.md"), &text);
    }
}

/// CPU time used so far by every thread of this process (Linux; 0 elsewhere): on a
/// loaded machine it shows the work a rebuild does better than the wall time.
fn cpu_ms() -> f64 {
    let Ok(tasks) = fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|t| fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    nanos as f64 / 1e6
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One kind of edit: its name, the file it edits, and the text it replaces in
/// round `n` (from, to).
struct Edit {
    name: &'static str,
    file: &'static str,
    text: fn(usize) -> (String, String),
}

/// A round's edit that turns `old(n - 1)`'s result into `new(n)`'s: round 0 starts
/// from the generated text `first`.
fn step(n: usize, first: &str, at: impl Fn(usize) -> String) -> (String, String) {
    let from = match n {
        0 => first.to_string(),
        n => at(n - 1),
    };
    (from, at(n))
}

const PAGE: &str = "content/s07/p00107.md";

const EDITS: &[Edit] = &[
    Edit {
        name: "body",
        file: PAGE,
        text: |n| step(n, "结尾段落。", |i| format!("结尾段落{i}。")),
    },
    Edit {
        name: "title",
        file: PAGE,
        text: |n| step(n, "第107篇报告\"", |i| format!("第107篇报告{i}\"")),
    },
    // Between the newest and the oldest date: the page crosses every pager page of its
    // section and tags each time.
    Edit {
        name: "date",
        file: PAGE,
        text: |n| {
            let date = |i: usize| ["date = 2020-01-01", "date = 2026-12-31"][i % 2].to_string();
            step(n, "date = 2026-12-24", date)
        },
    },
    Edit {
        name: "tags",
        file: PAGE,
        text: |n| {
            let tags = |i: usize| format!("tags = [\"标签27\", \"标签{}\"]", 30 + i % 5);
            step(n, "tags = [\"标签27\", \"标签29\"]", tags)
        },
    },
    // 地区5 is charted but quoted in no summary: charts and 500 pages, no listings.
    Edit {
        name: "csv",
        file: "charts/d03.csv",
        text: |n| step(n, "地区5,138,", |i| format!("地区5,{},", 200 + i)),
    },
    // 合计 moves every page's quoted share, shown in the summaries: listings too.
    Edit {
        name: "csv-summaries",
        file: "charts/d04.csv",
        text: |n| step(n, "合计,2000,", |i| format!("合计,{},", 2100 + 100 * i)),
    },
];

/// What `rounds` rebuilds after an edit took: wall time (median, min, max), CPU time
/// (median), and the work of the last.
struct Measured {
    median: f64,
    min: f64,
    max: f64,
    cpu: f64,
    work: Work,
}

fn measure(engine: &mut Engine, root: &Path, edit: &Edit, rounds: usize) -> Measured {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut work = Work::default();
    let path = root.join(edit.file);
    for round in 0..rounds {
        let text = fs::read_to_string(&path).unwrap();
        let (from, to) = (edit.text)(round);
        assert!(text.contains(&from), "{}: no `{from}`", edit.file);
        fs::write(&path, text.replacen(&from, &to, 1)).unwrap();
        let (started, cpu_before) = (Instant::now(), cpu_ms());
        let r = engine.rebuild(std::slice::from_ref(&path)).unwrap();
        times.push(ms(started.elapsed()));
        cpu.push(cpu_ms() - cpu_before);
        r.result.unwrap();
        work = r.work;
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    Measured {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
        cpu: cpu[cpu.len() / 2],
        work,
    }
}

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1).map(String::as_str)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages = arg(&args, "--pages")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let rounds = arg(&args, "--rounds")
        .and_then(|n| n.parse().ok())
        .unwrap_or(ROUNDS);
    let only: Option<Vec<&str>> = arg(&args, "--only").map(|o| o.split(',').collect());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    generate(&root, pages);
    println!(
        "site: {pages} pages, {SECTIONS} sections, {DATA} charts, {TAGS} tags ({} threads)",
        rayon::current_num_threads()
    );

    let started = Instant::now();
    let out = MemoryOutput::new();
    let report = site::build(&root, &BuildOptions::default(), &out).unwrap();
    println!(
        "full build (site::build into memory):   {:8.1} ms, {} files",
        ms(started.elapsed()),
        report.files
    );
    let started = Instant::now();
    let (mut engine, first) = Engine::new(&root, BuildOptions::default());
    first.result.unwrap();
    println!(
        "serve's first build (engine, full):      {:8.1} ms",
        ms(started.elapsed())
    );
    println!(
        "edit ({rounds} rounds)      median      min      max  cpu median   re-rendered (pages + listings)"
    );
    for edit in EDITS {
        if only.as_ref().is_some_and(|o| !o.contains(&edit.name)) {
            continue;
        }
        let m = measure(&mut engine, &root, edit, rounds);
        let w = &m.work;
        println!(
            "{:<20} {:8.1} ms {:8.1} {:8.1} {:8.1} ms   {} + {} (parsed {}, bodies {}, charts {})",
            edit.name,
            m.median,
            m.min,
            m.max,
            m.cpu,
            w.pages,
            w.listings,
            w.parsed,
            w.bodies,
            w.charts
        );
    }

    let out = MemoryOutput::new();
    site::build(&root, &BuildOptions::default(), &out).unwrap();
    let full = out.into_files();
    let served = engine.files();
    let same = full.len() == served.len()
        && full
            .iter()
            .all(|(k, v)| served.get(k).is_some_and(|s| **s == **v));
    println!("served site equals a fresh full build: {same}");
    assert!(same);
}
