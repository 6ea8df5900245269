//! A real `baogao serve` process over HTTP: pages and content types under the base
//! path, edits showing up, errors in the browser, traversal refused, and the served
//! files equal to a full build after a series of edits.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::server::{start, without_script, SCRIPT_START, WAIT};
use super::site::full_build;

#[test]
fn serves_the_site_under_its_base_path_with_types() {
    let s = start();
    let r = s.get("/");
    assert_eq!(
        (r.status, r.header("Location").as_deref()),
        (302, Some("/reports/"))
    );
    let home = s.get("/reports/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains(SCRIPT_START),
        "HTML gets the reload script"
    );
    let page = s.get("/reports/reports/sample/");
    assert!(page.text().contains("示例报告"), "{}", page.text());
    let r = s.get("/reports/reports/sample?x=1");
    assert_eq!(
        (r.status, r.header("Location").as_deref()),
        (302, Some("/reports/reports/sample/?x=1"))
    );
    for (path, ctype) in [
        ("/reports/charts/sample.svg", "image/svg+xml"),
        ("/reports/charts/sample.csv", "text/csv; charset=utf-8"),
        ("/reports/assets/style.css", "text/css; charset=utf-8"),
        ("/reports/sitemap.xml", "application/xml; charset=utf-8"),
        ("/reports/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(
            (r.status, r.header("Content-Type").as_deref()),
            (200, Some(ctype)),
            "{path}"
        );
        assert!(
            !r.text().contains(SCRIPT_START),
            "{path}: only HTML gets the script"
        );
    }
    let full = full_build(&s.root).unwrap();
    let missing = s.get("/reports/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        without_script(&missing.body),
        full["404.html"],
        "404 is the site's 404 page"
    );
    let head = s.request("HEAD", b"/reports/", &format!("localhost:{}", s.port));
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(s.request("POST", b"/reports/", "127.0.0.1").status, 405);
    assert_eq!(
        s.request("GET", b"/reports/", "attacker.example").status,
        403,
        "DNS rebinding"
    );
}

#[test]
fn edits_to_markdown_data_and_templates_show_up() {
    let s = start();
    let page = "/reports/reports/sample/";
    let first = s.get(page);
    let since = first
        .text()
        .split("var g=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    // An open page's long-poll answers once the build moves on.
    let port = s.port;
    let poll = std::thread::spawn(move || {
        let mut st = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(st, "GET /__baogao/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = String::new();
        let _ = st.read_to_string(&mut raw);
        (raw, since)
    });
    s.edit("content/reports/sample.md", "## 构成", "## 构成与变化");
    s.wait_for(page, "the new heading", |r| r.text().contains("构成与变化"));
    let (raw, since) = poll.join().unwrap();
    assert!(
        raw.contains("\"generation\":") && !raw.contains(&format!("\"generation\":{since}}}")),
        "{raw}"
    );
    s.edit("charts/sample.csv", "甲,120", "甲,150");
    s.wait_for(page, "the new value", |r| r.text().contains("150亿元"));
    s.write(
        "templates/page.html",
        "<!doctype html><html><body><p>自定义模板</p>{{ page.content | safe }}</body></html>",
    );
    s.wait_for(page, "the new template", |r| {
        r.text().contains("自定义模板")
    });
    s.write(
        "content/reports/new.md",
        "+++\ntitle = \"新报告\"\n+++\n\n新的一篇。\n",
    );
    s.wait_for("/reports/reports/new/", "the new page", |r| {
        r.status == 200 && r.text().contains("新的一篇")
    });
    fs::remove_file(s.root.join("content/reports/new.md")).unwrap();
    s.wait_for("/reports/reports/new/", "the page gone", |r| {
        r.status == 404
    });
    assert!(s
        .out
        .lock()
        .unwrap()
        .contains("changed: content/reports/sample.md"));
}

#[test]
fn a_broken_edit_shows_the_error_in_the_browser_until_fixed() {
    let s = start();
    let page = "/reports/reports/sample/";
    s.edit(
        "content/reports/sample.md",
        "{{ chart(id=\"sample\") }}",
        "{{ chart(id=\"<nope>\") }}",
    );
    let r = s.wait_for(page, "the error overlay", |r| {
        r.text().contains("baogao-error")
    });
    let text = r.text();
    let line = text
        .lines()
        .find(|l| l.contains("content/reports/sample.md:"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("unknown chart `&lt;nope&gt;`"),
        "escaped: {line}"
    );
    // The terminal printed the same message.
    let source = fs::read_to_string(s.root.join("content/reports/sample.md")).unwrap();
    let at = source.lines().position(|l| l.contains("<nope>")).unwrap() + 1;
    let printed = format!("error: content/reports/sample.md:{at}:1: unknown chart `<nope>`");
    let printed = printed.as_str();
    let started = Instant::now();
    while !s.out.lock().unwrap().contains(printed) && started.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        s.out.lock().unwrap().contains(printed),
        "{}",
        s.out.lock().unwrap()
    );
    assert!(
        text.contains(&printed.replace('<', "&lt;").replace('>', "&gt;")),
        "{text}"
    );
    // Every HTML page shows it; other files are still served.
    assert!(s.get("/reports/").text().contains("baogao-error"));
    assert_eq!(s.get("/reports/charts/sample.svg").status, 200);
    s.edit(
        "content/reports/sample.md",
        "{{ chart(id=\"<nope>\") }}",
        "{{ chart(id=\"sample\") }}",
    );
    let r = s.wait_for(page, "the page back", |r| {
        !r.text().contains("baogao-error")
    });
    assert_eq!(r.status, 200);
    assert_eq!(
        without_script(&r.body),
        full_build(&s.root).unwrap()["reports/sample/index.html"]
    );
}

#[test]
fn traversal_attempts_get_403_or_404_and_nothing_from_outside() {
    let s = start();
    let targets: [&[u8]; 16] = [
        b"/reports/../secret.txt",
        b"/../secret.txt",
        b"/reports/../../secret.txt",
        b"/reports/%2e%2e/%2e%2e/secret.txt",
        b"/reports/%2E%2E%2F%2E%2E%2Fsecret.txt",
        b"/reports/..%2f..%2fsecret.txt",
        b"/reports/..%5c..%5csecret.txt",
        b"/reports/..\\..\\secret.txt",
        b"/reports/%00",
        b"/reports/%252e%252e/secret.txt",
        b"//secret.txt",
        b"/reports/baogao.toml",
        b"/reports/content/reports/sample.md",
        b"/reports/charts/sample.toml",
        b"/reports/charts/../../baogao.toml",
        b"/etc/passwd",
    ];
    for t in targets {
        let r = s.request("GET", t, "127.0.0.1");
        let shown = String::from_utf8_lossy(t);
        assert!(matches!(r.status, 400 | 403 | 404), "{shown}: {}", r.status);
        let body = r.text();
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("base_url") && !body.contains("root:"),
            "{shown}: {body}"
        );
    }
}

#[test]
fn after_a_series_of_edits_every_served_file_equals_a_full_build() {
    let s = start();
    s.edit("content/reports/sample.md", "## 构成", "## 结构");
    s.edit("charts/sample.csv", "乙,~80", "乙,~85");
    s.write("content/notes/_index.md", "+++\ntitle = \"札记\"\n+++\n");
    s.write("content/notes/a.md", "+++\ntitle = \"甲\"\ntags = [\"札记\"]\n+++\n\n{{ value(data=\"sample.csv\", row=\"乙\", col=\"数值\") }}\n");
    s.edit(
        "content/reports/_index.md",
        "title = \"报告\"",
        "title = \"全部报告\"",
    );
    s.wait_for("/reports/notes/a/", "the last edit", |r| {
        r.text().contains("85")
    });
    s.wait_for("/reports/reports/", "the section title", |r| {
        r.text().contains("全部报告")
    });
    let full = full_build(&s.root).unwrap();
    // Give a late event time to land, then compare everything.
    std::thread::sleep(Duration::from_millis(300));
    for (path, bytes) in &full {
        let r = s.get(&format!("/reports/{path}"));
        assert_eq!(r.status, 200, "{path}");
        assert!(
            without_script(&r.body) == *bytes,
            "{path} differs from a full build"
        );
    }
}
