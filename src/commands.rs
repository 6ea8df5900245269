//! What each command does, on top of the pipeline in [`crate::site`]. Output to the
//! terminal lives here and nowhere else.

use std::path::Path;

use crate::error::Error;
use crate::site::{self, check::check_links, BuildOptions, BuildReport};
use crate::write::{DirOutput, MemoryOutput};

fn print_warnings(report: &BuildReport) {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
}

/// `baogao build`.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    base_url: Option<String>,
    drafts: bool,
) -> Result<(), Error> {
    let target = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    let sources = ["content", "charts", "templates", "static"].map(|d| root.join(d));
    let out = DirOutput::prepare(&target, root, &sources)?;
    let opts = BuildOptions { drafts, base_url };
    match site::build(root, &opts, &out) {
        Ok(report) => {
            out.commit()?;
            print_warnings(&report);
            println!(
                "built {}, {}, {} in {} ms → {}",
                counted(report.pages, "page"),
                counted(report.charts, "chart"),
                counted(report.files, "file"),
                report.millis,
                target.display()
            );
            Ok(())
        }
        Err(e) => {
            out.abort();
            Err(e)
        }
    }
}

/// `baogao check`: the whole build in memory, then links and anchors.
pub fn check(root: &Path) -> Result<(), Error> {
    let out = MemoryOutput::new();
    let report = site::build(root, &BuildOptions::default(), &out)?;
    print_warnings(&report);
    let sources = site::Sources::load(root, &BuildOptions::default())?;
    let problems = check_links(
        root,
        &out.into_files(),
        &sources.config.base_path(),
        &report.origins,
        &report.link_spots,
    );
    if !problems.is_empty() {
        return Err(Error::User(crate::error::Diagnostics(problems)));
    }
    println!(
        "checked {}, {} and their links: no problems",
        counted(report.pages, "page"),
        counted(report.charts, "chart")
    );
    Ok(())
}

/// `1 chart`, `2 charts`.
fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}

/// `baogao serve`.
pub fn serve(root: &Path, bind: &str, port: u16) -> Result<(), Error> {
    crate::serve::run(root, bind, port)
}

/// `baogao init [--bare] DIR`.
pub fn init(dir: &Path, bare: bool) -> Result<(), Error> {
    crate::init::create(dir, bare)?;
    println!(
        "created a new site in {}; build it with: baogao build --root {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// Prints an error the way users see it.
pub fn report_error(e: &Error) {
    match e {
        Error::User(ds) => {
            for d in &ds.0 {
                eprintln!("error: {d}");
            }
            let n = ds.0.len();
            eprintln!(
                "{n} problem{} found; nothing was written, the previous output is unchanged",
                if n == 1 { "" } else { "s" }
            );
        }
        Error::Internal(_) => eprintln!("error: {e}"),
    }
}
