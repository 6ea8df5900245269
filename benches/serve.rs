//! Rebuild times of `baogao serve` on a generated site of 10,000 pages (20 sections,
//! 40 tags, 20 data files and charts; every page quotes a data file, one in ten embeds
//! a chart): the full build, a one-page body edit, a one-page front-matter edit (which
//! re-renders the listings), a one-CSV edit, and one whose numbers are quoted in the
//! pages' summaries (listings again). Run with `cargo bench --bench serve`
//! (`-- --pages N` for another size). Times are the engine's rebuild after the file is
//! written, as `serve` runs it once the watcher's 60 ms debounce has passed.
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

use baogao::serve::engine::Engine;
use baogao::site::{self, BuildOptions};
use baogao::write::MemoryOutput;

const SECTIONS: usize = 20;
const DATA: usize = 20;
const TAGS: usize = 40;
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median, min and max of `rounds` rebuilds after `edit(round)`.
fn measure(
    engine: &mut Engine,
    root: &Path,
    rel: &str,
    edit: impl Fn(usize) -> (String, String),
) -> (f64, f64, f64, String) {
    let mut times = Vec::new();
    let mut work = String::new();
    for round in 0..ROUNDS {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        let (from, to) = edit(round);
        assert!(text.contains(&from), "{rel}: no `{from}`");
        fs::write(&path, text.replacen(&from, &to, 1)).unwrap();
        let started = Instant::now();
        let r = engine.rebuild(&[path]).unwrap();
        times.push(ms(started.elapsed()));
        r.result.unwrap();
        work = format!("{:?}", r.work);
    }
    times.sort_by(f64::total_cmp);
    (
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        work,
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pages = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
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

    let page = "content/s07/p00107.md";
    let body = |round: usize| {
        let from = if round == 0 {
            "结尾段落。".to_string()
        } else {
            format!("结尾段落{}。", round - 1)
        };
        (from, format!("结尾段落{round}。"))
    };
    let (med, min, max, work) = measure(&mut engine, &root, page, body);
    println!("one-page body edit:       median {med:6.1} ms (min {min:.1}, max {max:.1})  {work}");
    let title = |round: usize| {
        let from = if round == 0 {
            "第107篇报告\"".to_string()
        } else {
            format!("第107篇报告{}\"", round - 1)
        };
        (from, format!("第107篇报告{round}\""))
    };
    let (med, min, max, work) = measure(&mut engine, &root, page, title);
    println!("one-page title edit:      median {med:6.1} ms (min {min:.1}, max {max:.1})  {work}");
    // 地区5 is charted but quoted in no summary: charts and 500 pages, no listings.
    let csv = |round: usize| {
        let from = if round == 0 {
            "地区5,138,".to_string()
        } else {
            format!("地区5,{},", 200 + round - 1)
        };
        (from, format!("地区5,{},", 200 + round))
    };
    let (med, min, max, work) = measure(&mut engine, &root, "charts/d03.csv", csv);
    println!("one-CSV edit:             median {med:6.1} ms (min {min:.1}, max {max:.1})  {work}");
    // 合计 moves every page's quoted share, shown in the summaries: listings too.
    let total = |round: usize| {
        let from = if round == 0 {
            "合计,2000,".to_string()
        } else {
            format!("合计,{},", 2000 + 100 * round)
        };
        (from, format!("合计,{},", 2000 + 100 * (round + 1)))
    };
    let (med, min, max, work) = measure(&mut engine, &root, "charts/d04.csv", total);
    println!(
        "one-CSV edit into summaries: median {med:6.1} ms (min {min:.1}, max {max:.1})  {work}"
    );

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
