//! Hugo's built-in `highlight` shortcode, `{{< highlight go "linenos=table,hl_lines=2" >}}`
//! … `{{< /highlight >}}`, rewritten as the fenced code block it stands for (Zola's
//! fence options), line for line, so positions in the file stay where they were.
//! Only a shortcode alone on its line and outside fenced code is rewritten.

use std::borrow::Cow;

/// `body` with each `highlight` shortcode pair turned into a fenced code block.
pub fn to_fences(body: &str) -> Cow<'_, str> {
    if !body.contains("highlight") {
        return Cow::Borrowed(body);
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    let mut changed = false;
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i += 1;
        if let Some(open) = &fence {
            if is_fence_end(line, open) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(open) = fence_start(line) {
            fence = Some(open);
            out.push_str(line);
            continue;
        }
        let Some(info) = opening(line) else {
            out.push_str(line);
            continue;
        };
        let Some(len) = lines
            .get(i..)
            .and_then(|rest| rest.iter().position(|l| closing(l)))
        else {
            out.push_str(line);
            continue;
        };
        let code = lines.get(i..i + len).unwrap_or(&[]);
        let ticks = "`".repeat(longest_backtick_run(code).max(2) + 1);
        out.push_str(&format!("{ticks}{info}{}", line_end(line)));
        code.iter().for_each(|l| out.push_str(l));
        let close = lines.get(i + len).copied().unwrap_or("");
        out.push_str(&format!("{ticks}{}", line_end(close)));
        i += len + 1;
        changed = true;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(body)
    }
}

fn line_end(line: &str) -> &str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// The inside of a `{{< … >}}` or `{{% … %}}` standing alone on `line`.
fn shortcode(line: &str) -> Option<&str> {
    let t = line.trim();
    t.strip_prefix("{{<")
        .and_then(|r| r.strip_suffix(">}}"))
        .or_else(|| t.strip_prefix("{{%").and_then(|r| r.strip_suffix("%}}")))
        .map(str::trim)
}

/// The fence info (`go,linenos,hl_lines=2`) of an opening `highlight` line.
fn opening(line: &str) -> Option<String> {
    let inner = shortcode(line)?;
    let args = inner.strip_prefix("highlight")?;
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    let mut args = args.trim().splitn(2, char::is_whitespace);
    let lang = args.next().unwrap_or("").trim_matches('"');
    let options = args.next().unwrap_or("").trim().trim_matches('"');
    let mut info = vec![lang.to_string()];
    for option in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        let (key, value) = option.split_once('=').unwrap_or((option, "true"));
        match (key.trim(), value.trim()) {
            ("linenos", "false") => {}
            ("linenos", _) => info.push("linenos".into()),
            ("hl_lines" | "linenostart", v) => info.push(format!("{}={v}", key.trim())),
            _ => {}
        }
    }
    Some(info.join(","))
}

fn closing(line: &str) -> bool {
    shortcode(line).is_some_and(|inner| {
        inner
            .strip_prefix('/')
            .is_some_and(|name| name.trim() == "highlight")
    })
}

/// The backticks or tildes opening a fenced code block on `line`.
fn fence_start(line: &str) -> Option<String> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run: String = t.chars().take_while(|x| *x == c).collect();
    (run.chars().count() >= 3).then_some(run)
}

fn is_fence_end(line: &str, open: &str) -> bool {
    let t = line.trim();
    open.chars()
        .next()
        .is_some_and(|c| t.len() >= open.len() && t.chars().all(|x| x == c))
}

fn longest_backtick_run(lines: &[&str]) -> usize {
    lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_becomes_a_fence_line_for_line() {
        let body = "前文\n{{< highlight go \"linenos=table,hl_lines=2 4-5,style=x\" >}}\nfunc main() {}\n{{< / highlight >}}\n后文\n";
        assert_eq!(
            to_fences(body),
            "前文\n```go,linenos,hl_lines=2 4-5\nfunc main() {}\n```\n后文\n"
        );
        let with_ticks = "{{< highlight md >}}\n```\nx\n```\n{{< /highlight >}}";
        assert_eq!(to_fences(with_ticks), "````md\n```\nx\n```\n````");
    }

    #[test]
    fn inside_code_or_unclosed_it_stays() {
        let fenced = "```\n{{< highlight go >}}\nx\n{{< /highlight >}}\n```\n";
        assert_eq!(to_fences(fenced), fenced);
        let open = "{{< highlight go >}}\nx\n";
        assert_eq!(to_fences(open), open);
        let other = "{{< highlighter >}}\n{{< /highlighter >}}\n";
        assert_eq!(to_fences(other), other);
    }
}
