//! The browser and validator suite (tests/browser/, Node + playwright-core + Debian's Chromium):
//! builds the example site and the docs/ site with the real binary under a sub-path base URL,
//! then runs `node tests/browser/run.mjs` on each (which serves it under that path and checks
//! every page in Chromium at 1280 and 390 px, with axe-core, the Nu Html Checker, a link crawl and
//! Lighthouse; pages with charts also at 320, 561 and 768 px, in both colour schemes, and swept
//! through every width from 320 to 1280 px for chart text size),
//! `node tests/browser/selftest.mjs` (the checks catch planted problems), and the chart gate on
//! a fixture with every kind and long Chinese and English labels.
//!
//! Needs node, /usr/bin/chromium (or $CHROMIUM), java and `npm ci --prefix tests/browser`.
//! Without them the tests print a loud notice and pass, unless BAOGAO_REQUIRE_BROWSER=1
//! (set by .ci/run), where a missing tool is a failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::ffi::OsStr;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The two tests share one machine's cores; Lighthouse's numbers must not suffer from the other.
static SERIAL: Mutex<()> = Mutex::new(());

const NODE_PACKAGES: [&str; 4] = ["playwright-core", "axe-core", "vnu-jar", "lighthouse"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn suite_dir() -> PathBuf {
    repo().join("tests").join("browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn runs(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// What is missing to run the suite (empty when everything is there).
fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("node (Node.js 20 or later) on PATH".to_string());
    }
    let c = chromium();
    if !c.is_file() {
        missing.push(format!(
            "{} (apt-get install chromium fonts-noto-cjk)",
            c.display()
        ));
    }
    if !runs("java", "-version") {
        missing.push("java, for the Nu Html Checker (apt-get install default-jre-headless)".into());
    }
    for p in NODE_PACKAGES {
        if !suite_dir().join("node_modules").join(p).is_dir() {
            missing.push(format!(
                "tests/browser/node_modules/{p} (npm ci --prefix tests/browser)"
            ));
        }
    }
    missing
}

/// True when the suite can run; otherwise a loud notice (or a failure under
/// BAOGAO_REQUIRE_BROWSER=1).
fn ready(test: &str) -> bool {
    let missing = missing_tools();
    if missing.is_empty() {
        return true;
    }
    let list = missing
        .iter()
        .map(|m| format!("  - {m}\n"))
        .collect::<String>();
    if std::env::var("BAOGAO_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("BAOGAO_REQUIRE_BROWSER=1 but the browser suite cannot run; missing:\n{list}");
    }
    // Written straight to stderr so that the test harness does not swallow it.
    let bar = "!".repeat(78);
    let _ = writeln!(
        std::io::stderr(),
        "\n{bar}\n!! SKIPPED {test}: the browser suite did NOT run. Missing:\n{list}\
         !! Install them (see .ci/run) or set BAOGAO_REQUIRE_BROWSER=1 to make this a failure.\n{bar}\n"
    );
    false
}

/// Runs a command with inherited output, killing it after `limit`. Returns its exit code.
fn run_with_limit(cmd: &mut Command, limit: Duration) -> i32 {
    let mut child = cmd
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start node");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            return status.code().unwrap_or(-1);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took longer than {limit:?} and was stopped");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A port nobody listens on right now (the site's base URL must name it before it is served).
fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

fn build_site(root: &Path, out: &Path, base_url: &str) {
    let o = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .arg("--base-url")
        .arg(base_url)
        .output()
        .expect("run baogao build");
    assert!(
        o.status.success(),
        "baogao build failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs tests/browser/run.mjs on a built site served at `base_url`; its exit code.
fn run_suite(out: &Path, base_url: &str, extra: &[&OsStr], limit: Duration) -> i32 {
    run_with_limit(
        Command::new("node")
            .arg(suite_dir().join("run.mjs"))
            .arg("--dir")
            .arg(out)
            .arg("--base-url")
            .arg(base_url)
            .args(extra)
            .arg("--chromium")
            .arg(chromium()),
        limit,
    )
}

/// Builds the site at `root` under `http://127.0.0.1:PORT/<sub_path>` and runs the suite on
/// it (with `extra` arguments, within `limit`): its exit code and how long it took.
fn build_and_check(
    root: &Path,
    sub_path: &str,
    extra: &[&OsStr],
    limit: Duration,
) -> (i32, Duration) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let base_url = format!("http://127.0.0.1:{}/{sub_path}", free_port());
    build_site(root, &out, &base_url);
    let started = Instant::now();
    let code = run_suite(&out, &base_url, extra, limit);
    (code, started.elapsed())
}

#[test]
fn example_site_passes_browsers_validators_links_and_lighthouse() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready("browser suite (tests/browser/run.mjs)") {
        return;
    }
    // A base URL with a path: the site must work when it is not at the host's root.
    let (code, took) = build_and_check(&repo(), "reports/", &[], Duration::from_secs(15 * 60));
    assert_eq!(
        code, 0,
        "the browser suite found problems (listed above; screenshots, report.json and the \
         Lighthouse reports are in tests/browser/artifacts/) after {took:.0?}"
    );
}

/// The documentation site (docs/, itself a baogao site) under the same gates: every page in
/// Chromium at both widths, axe-core, the Nu Html Checker, the link crawl, Lighthouse and the
/// chart-text checks on every gallery chart.
#[test]
fn docs_site_passes_browsers_validators_links_and_lighthouse() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready("docs site browser suite (tests/browser/run.mjs)") {
        return;
    }
    let artifacts = suite_dir().join("artifacts").join("docs");
    let extra = ["--artifacts".as_ref(), artifacts.as_os_str()];
    let limit = Duration::from_secs(15 * 60);
    let (code, took) = build_and_check(&repo().join("docs"), "baogao/", &extra, limit);
    assert_eq!(
        code, 0,
        "the browser suite found problems on docs/ (listed above; artifacts in \
         tests/browser/artifacts/docs/) after {took:.0?}"
    );
}

#[test]
fn browser_checks_catch_a_deliberately_broken_page() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready("browser checker self-test (tests/browser/selftest.mjs)") {
        return;
    }
    let code = run_with_limit(
        Command::new("node")
            .arg(suite_dir().join("selftest.mjs"))
            .arg("--chromium")
            .arg(chromium()),
        Duration::from_secs(5 * 60),
    );
    assert_eq!(
        code, 0,
        "the checker missed a planted problem or reported one on a clean fixture (see above)"
    );
}

/// Long Chinese category labels, more of them than fit on one line.
const LONG_LABELS: [&str; 8] = [
    "智能网联新能源汽车整车与零部件项目",
    "“中国复眼”等重大科技基础设施",
    "城市轨道交通与市域（郊）铁路",
    "能源、水利与新型基础设施建设",
    "先进材料与研发赋能产业园区",
    "生物医药及高端医疗器械",
    "数智融合与软件信息服务业",
    "其他未单列的市级重点项目",
];

/// Long English category labels: words to wrap at spaces, and some long words.
const LONG_ENGLISH: [&str; 8] = [
    "Intelligent connected new-energy vehicles and components",
    "Major science infrastructure such as the China Compound Eye",
    "Urban rail transit and suburban (commuter) railways",
    "Energy, water conservancy and new-type infrastructure",
    "Advanced materials and research-enabled industrial parks",
    "Biomedicine and high-end medical instrumentation",
    "Digital-intelligence convergence and software services",
    "Other municipal key projects not listed separately",
];

/// Every chart kind and option the Chromium chart gate covers: the kind, its data file and
/// the spec lines after `x` (`{h}` stands for the highlighted label, `{a}`/`{b}` for the
/// third and fifth labels: an annotation's point and a shaded range).
const GATE_KINDS: [(&str, &str, &str); 23] = [
    ("bar", "many", "y = [\"投资\"]\nhighlight = [\"{h}\"]"),
    ("hbar", "many", "y = [\"投资\"]\nhighlight = [\"{h}\"]"),
    ("stacked", "many", "y = [\"投资\", \"产出\"]\nhighlight = [\"{h}\"]"),
    ("stacked100", "many", "y = [\"投资\", \"产出\"]\nhighlight = [\"{h}\"]"),
    ("grouped", "many", "y = [\"投资\", \"产出\"]\nhighlight = [\"{h}\"]"),
    ("line", "many", "y = [\"投资\", \"产出\", \"计划\"]\nhighlight = [\"投资\"]"),
    (
        "line",
        "many",
        "y = [\"投资\", \"产出\"]\n[[annotate]]\nx = \"{a}\"\ny = 706\ntext = \"A callout at a point with a long explanation 一段很长的中文说明文字\"\n[[annotate]]\ny = 500\ntext = \"Reference line 参考线：全市平均水平\"\n[[annotate]]\nx_from = \"{a}\"\nx_to = \"{b}\"\ntext = \"Shaded period 阴影区间\"",
    ),
    ("area", "many", "y = [\"投资\", \"产出\"]"),
    (
        "area",
        "many",
        "y = [\"投资\"]\n[[annotate]]\ny = 450\ntext = \"Half way 一半的位置，很长的参考线说明\"\n[[annotate]]\nx_from = \"{a}\"\nx_to = \"{b}\"\ntext = \"Shaded range 区间\"",
    ),
    ("donut", "six", "y = [\"投资\"]\nhighlight = [\"{h}\"]"),
    ("waterfall", "many", "y = [\"投资\"]\nhighlight = [\"{h}\"]"),
    (
        "waterfall",
        "bridge",
        "y = [\"投资\"]\nmode = \"bridge\"\nstart = \"2023年\"\nend = \"2024年\"",
    ),
    (
        "bullet",
        "many",
        "y = [\"产出\"]\nreference = \"计划\"\nmax = 200\nhighlight = [\"{h}\"]",
    ),
    (
        "scatter",
        "many",
        "y = [\"产出\"]\nsize = \"规模\"\nlabel = \"类别\"\nhighlight = [\"{h}\", \"{a}\"]",
    ),
    // Notes on bars, rows, a bullet and a scatter; small multiples.
    (
        "bar",
        "many",
        "y = [\"投资\"]\nhighlight = [\"{h}\"]\n[[annotate]]\ny = 500\ntext = \"Reference line 参考线\"\n[[annotate]]\nx_from = \"{a}\"\nx_to = \"{b}\"\ntext = \"Shaded range 区间\"\n[[annotate]]\nx = \"{a}\"\ntext = \"A callout at a bar 指向柱子的标注\"",
    ),
    (
        "hbar",
        "many",
        "y = [\"投资\"]\n[[annotate]]\ny = 500\ntext = \"Reference line 参考线\"\n[[annotate]]\nx = \"{a}\"\ntext = \"A callout at a bar 指向柱子的标注\"",
    ),
    (
        "bullet",
        "many",
        "y = [\"产出\"]\nreference = \"计划\"\nmax = 200\n[[annotate]]\ny = 100\ntext = \"Half way 一半\"",
    ),
    (
        "scatter",
        "many",
        "y = [\"产出\"]\nlabel = \"类别\"\n[[annotate]]\nx = \"{a}\"\ntext = \"A callout at a point 指向一个点\"\n[[annotate]]\ny = 100\ntext = \"Reference line 参考线\"",
    ),
    (
        "line",
        "many",
        "y = [\"投资\", \"产出\", \"计划\"]\nfacets = true\nhighlight = [\"产出\"]\n[[annotate]]\ny = 500\ntext = \"Reference line 参考线\"",
    ),
    ("bar", "many", "y = [\"投资\", \"产出\"]\nfacets = true"),
    ("area", "many", "y = [\"投资\", \"产出\"]\nfacets = true"),
    (
        "grouped",
        "many",
        "y = [\"投资\", \"产出\"]\n[[annotate]]\nx = \"{a}\"\ntext = \"A callout at a group 指向一组柱子的标注\"\n[[annotate]]\ny = 500\ntext = \"Reference line 参考线\"",
    ),
    (
        "waterfall",
        "many",
        "y = [\"投资\"]\n[[annotate]]\nx = \"{a}\"\ntext = \"A callout at a step 指向一步的标注\"\n[[annotate]]\ny = 2000\ntext = \"Reference line 参考线\"",
    ),
];

/// A site with every chart kind and option drawn from long labels, Chinese on one page and
/// English on another, at the default width and at 480 px.
fn write_long_label_site(root: &Path) {
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "baogao.toml",
        "title = \"长标签\"\nbase_url = \"https://example.org/\"\nlanguage = \"zh-CN\"\n",
    );
    for (lang, labels) in [("zh", LONG_LABELS), ("en", LONG_ENGLISH)] {
        // Synthetic figures: the gate is about layout, not about any real series.
        let mut many = String::from("类别,投资,产出,计划,规模\n");
        for (i, l) in labels.iter().enumerate() {
            let (a, b, c) = (900 - i * 97, 40 + i * 13, 60 + i * 7);
            many.push_str(&format!("\"{l}\",{a},{b},{c},{}\n", 10 + i * 15));
        }
        w(&format!("charts/{lang}/many.csv"), &many);
        let mut six = String::from("类别,投资\n");
        for (i, l) in labels.iter().take(6).enumerate() {
            six.push_str(&format!("\"{l}\",{}\n", 700 - i * 110));
        }
        w(&format!("charts/{lang}/six.csv"), &six);
        let mut bridge = String::from("类别,投资\n2023年,1000\n");
        for (l, change) in labels.iter().take(5).zip([120, -80, 45, -30, 60]) {
            bridge.push_str(&format!("\"{l}\",{change}\n"));
        }
        bridge.push_str("2024年,1115\n");
        w(&format!("charts/{lang}/bridge.csv"), &bridge);
        let mut body = format!("+++\ntitle = \"长标签图表（{lang}）\"\n+++\n\n");
        for (n, (kind, data, rest)) in GATE_KINDS.iter().enumerate() {
            let rest = rest
                .replace("{h}", labels[1])
                .replace("{a}", labels[2])
                .replace("{b}", labels[4]);
            let x = if *kind == "scatter" {
                "投资"
            } else {
                "类别"
            };
            for (suffix, width) in [("", ""), ("-480", "width = 480\n")] {
                let id = format!("{lang}/{n:02}-{kind}{suffix}");
                w(
                    &format!("charts/{id}.toml"),
                    &format!("title = \"{kind} 长标签\"\nkind = \"{kind}\"\ndata = \"{lang}/{data}.csv\"\nx = \"{x}\"\nunit = \"亿元\"\n{width}{rest}\n"),
                );
                body.push_str(&format!("{{{{ chart(id=\"{id}\") }}}}\n\n"));
            }
        }
        w(&format!("content/{lang}.md"), &body);
    }
}

/// Issue 12's Chromium gate: every kind and option with long Chinese and long English labels,
/// at 320, 390, 561, 768 and 1280 px in light and dark (and the width sweep from 320 to 1280):
/// no chart text under 12 px, no overlap, none off its SVG, every data mark 3:1 against the
/// background, gridlines and bands quieter than the data, the highlight the most salient.
#[test]
fn every_kind_is_legible_and_in_contrast_at_every_width_in_both_schemes() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready("chart gate on every kind (tests/browser/run.mjs)") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    write_long_label_site(&root);
    let artifacts = suite_dir().join("artifacts").join("long-labels");
    let extra = [
        "--artifacts".as_ref(),
        artifacts.as_os_str(),
        "--no-lighthouse".as_ref(),
    ];
    let (code, _) = build_and_check(&root, "", &extra, Duration::from_secs(20 * 60));
    assert_eq!(
        code, 0,
        "chart text too small, overlapping or clipped, or colours out of contrast (details above)"
    );
}

/// Issue 13's "done when": at 320, 390 and 1280 px no line of any page starts with closing
/// punctuation or splits a figure or date, and every report prints to A4 with page numbers,
/// no heading at a page's foot and no page but the last more than 40% blank
/// (tests/browser/typeset.mjs). Run on the example site and on a fixture whose sentences put
/// footnote markers, percentages and dates at every position of a line end.
#[test]
fn chinese_lines_and_printed_reports_hold_in_chromium() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready("typesetting checks (tests/browser/typeset.mjs)") {
        return;
    }
    let fixture = suite_dir().join("fixtures").join("typeset-site");
    for root in [repo(), fixture] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let base_url = format!("http://127.0.0.1:{}/reports/", free_port());
        build_site(&root, &out, &base_url);
        let code = run_with_limit(
            Command::new("node")
                .arg(suite_dir().join("typeset.mjs"))
                .arg("--dir")
                .arg(&out)
                .arg("--base-url")
                .arg(&base_url)
                .arg("--chromium")
                .arg(chromium())
                .arg("--print"),
            Duration::from_secs(10 * 60),
        );
        assert_eq!(
            code,
            0,
            "typesetting problems in the site at {} (listed above)",
            root.display()
        );
    }
}
