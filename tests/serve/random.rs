//! A long, reproducible sequence of mixed edits (bodies, summaries, front matter,
//! drafts, slugs, aliases, new and deleted pages, sections, data, chart specs,
//! templates, assets, broken and fixed files), each followed by an incremental rebuild
//! that must equal a fresh full build, or fail with the same problems.

use std::fs;

use super::site::Site;

/// A small linear congruential generator: the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn pick(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn page_text(i: usize, name: &str, rng: &mut Rng) -> String {
    let draft = if rng.pick(6) == 0 {
        "draft = true\n"
    } else {
        ""
    };
    let slug = if rng.pick(5) == 0 {
        format!("slug = \"{name}-v{}\"\n", rng.pick(2))
    } else {
        String::new()
    };
    let alias = if rng.pick(6) == 0 {
        format!("aliases = [\"old/{name}-{}\"]\n", rng.pick(2))
    } else {
        String::new()
    };
    let row = ["甲", "乙", "丙"][rng.pick(3)];
    let chart = if rng.pick(3) == 0 {
        "{{ chart(id=\"sample\") }}\n\n"
    } else {
        ""
    };
    let more = if rng.pick(2) == 0 {
        "<!-- more -->\n\n"
    } else {
        ""
    };
    format!(
        "+++\ntitle = \"页{i}-{}\"\ndate = 2026-0{}-1{}\ntags = [\"t{}\"]\nweight = {}\n{draft}{slug}{alias}+++\n\n\
         第一段{}：{{{{ value(data=\"sample.csv\", row=\"{row}\", col=\"数值\") }}}}。\n\n{more}{chart}正文{}。\n",
        rng.pick(3),
        1 + rng.pick(9),
        rng.pick(9),
        rng.pick(3),
        rng.pick(4),
        rng.pick(5),
        rng.pick(100)
    )
}

const PAGE_TEMPLATE: &str = "<!doctype html><html><body><p>{{ page.title }} · {{ page.section.title | default(value='') }}</p>{{ page.content | safe }}</body></html>";

#[test]
fn a_long_random_sequence_of_edits_always_equals_a_full_build() {
    let mut s = Site::new();
    let mut rng = Rng(20260626);
    let dirs = ["content/reports", "content/notes"];
    // Pages that show their section's title, whatever the default theme shows.
    s.write("templates/page.html", PAGE_TEMPLATE);
    s.write(
        "content/notes/_index.md",
        "+++\ntitle = \"札记\"\n+++\n\n札记说明。\n",
    );
    let (mut good, mut bad) = (0, 0_usize);
    for step in 0..200 {
        let which = rng.pick(12);
        let d = rng.pick(2);
        let dir = dirs[d];
        let name = format!("d{d}p{}", rng.pick(6));
        let page = format!("{dir}/{name}.md");
        let r = match which {
            0..=3 => {
                let text = page_text(step, &name, &mut rng);
                s.write(&page, &text)
            }
            4 => {
                let _ = fs::remove_file(s.root.join(&page));
                s.changed(&[&page])
            }
            5 => {
                let title = ["札记", "笔记", "随记"][rng.pick(3)];
                s.write(
                    &format!("{dir}/_index.md"),
                    &format!("+++\ntitle = \"{title}\"\n+++\n\n说明{}。\n", rng.pick(3)),
                )
            }
            6 => s.write(
                "charts/sample.csv",
                &format!("类别,数值\n甲,{}\n乙,~80\n丙,>40\n", 100 + rng.pick(3) * 10),
            ),
            7 => {
                let spec = format!("title = \"图{}\"\nkind = \"bar\"\ndata = \"sample.csv\"\nx = \"类别\"\ny = [\"数值\"]\n", rng.pick(3));
                s.write("charts/sample.toml", &spec)
            }
            8 => {
                let variant = ["<p>", "<div>"][rng.pick(2)];
                s.write(
                    "templates/page.html",
                    &PAGE_TEMPLATE.replace("<p>", variant),
                )
            }
            9 => {
                // Something broken, checked, then put back as it was.
                let (rel, broken) = match rng.pick(5) {
                    0 => (page.clone(), "+++\ntitle = \"坏\"\n+++\n\n{{ nope() }}\n".to_string()),
                    1 => (page.clone(), "+++\ntitle = \"坏\"\n+++\n\n{{ value(data=\"sample.csv\", row=\"戊\", col=\"数值\") }}\n".to_string()),
                    2 => (page.clone(), "+++ broken".to_string()),
                    3 => ("charts/sample.toml".to_string(), "title = \"x\"\nkind = \"bar\"\ndata = \"missing.csv\"\nx = \"类别\"\ny = [\"数值\"]\n".to_string()),
                    _ => ("templates/section.html".to_string(), "{% if %}".to_string()),
                };
                let before = fs::read(s.root.join(&rel)).ok();
                let r = s.write(&rel, &broken);
                s.check(&r);
                assert!(r.result.is_err(), "{rel} is broken");
                bad += 1;
                match before {
                    Some(b) => s.write(&rel, &String::from_utf8(b).unwrap()),
                    None => {
                        fs::remove_file(s.root.join(&rel)).unwrap();
                        s.changed(&[&rel])
                    }
                }
            }
            10 => {
                let rel = format!("{dir}/file{}.txt", rng.pick(2));
                if rng.pick(2) == 0 {
                    s.write(&rel, "附件")
                } else {
                    let _ = fs::remove_file(s.root.join(&rel));
                    s.changed(&[&rel])
                }
            }
            _ => {
                let unit = ["万元", "亿元", "元"][rng.pick(3)];
                s.write(
                    "charts/sample.csv.meta.toml",
                    &format!("[units]\n\"数值\" = \"{unit}\"\n"),
                )
            }
        };
        s.check(&r);
        if r.result.is_ok() {
            good += 1;
        }
    }
    assert!(
        good >= 150 && bad >= 10,
        "both kinds of step happen: {good} good, {bad} broken"
    );
}
