//! The commands and flags clap defines, and the exit codes, against reference/commands.md.

use std::process::Command;

use super::{assert_documents, code_headings, page, section};

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The entries of one block of clap's help (`Commands:`, `Arguments:`, `Options:`):
/// the first word of each indented line, `--long` for options, `<X>` as `X`.
fn help_block(help: &str, block: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != block)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let word = words
                .iter()
                .find(|w| w.starts_with("--"))
                .or(words.first())?;
            Some(
                word.trim_matches(|c| c == '<' || c == '>' || c == ',')
                    .to_string(),
            )
        })
        .filter(|w| !matches!(w.as_str(), "help" | "--help" | "--version"))
        .collect()
}

#[test]
fn every_command_and_flag_is_documented() {
    let page_rel = "reference/commands.md";
    let commands = help_block(&help(&[]), "Commands:");
    assert!(commands.contains(&"build".to_string()), "{commands:?}");
    let text = page(page_rel);
    let headings = code_headings(&text, "baogao ");
    assert_eq!(
        headings,
        commands.iter().cloned().collect(),
        "{page_rel}: one `## \\`baogao name\\`` section per command"
    );
    assert!(help(&[]).contains("docs/"), "baogao --help names the docs");
    for command in &commands {
        let help = help(&[command]);
        assert!(
            help.contains("docs/"),
            "baogao {command} --help names the docs"
        );
        let mut flags = help_block(&help, "Arguments:");
        flags.extend(help_block(&help, "Options:"));
        assert_documents(
            page_rel,
            &format!("baogao {command}"),
            flags.into_iter().collect(),
        );
    }
}

#[test]
fn documented_exit_codes_are_the_real_ones() {
    let text = page("reference/commands.md");
    let codes = section(&text, "退出码");
    for code in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(codes.contains(code), "exit code row {code} missing");
    }
    let empty = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_baogao"))
            .args(args)
            .current_dir(empty.path())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["check"]), Some(1), "a folder that is not a site");
    assert_eq!(
        run(&["build", "--no-such-flag"]),
        Some(2),
        "bad command line"
    );
    assert_eq!(run(&["init", "site"]), Some(0));
    assert_eq!(run(&["check", "--root", "site"]), Some(0));
}
