//! Process harness: a real `baogao serve` on a free loopback port (`--port 0`; it
//! prints the address it chose), with plain `TcpStream` requests (so traversal attempts
//! reach the server exactly as written). The server is killed on drop.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);
pub const SCRIPT_START: &str = "<script>/* baogao serve: live reload */";

pub struct Server {
    child: Child,
    pub port: u16,
    pub root: PathBuf,
    pub out: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// The serve fixture site, with base_url under `/reports/` and a secret file
/// beside it that must never be served.
pub fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), "TOP-SECRET-1234").unwrap();
    let root = dir.path().join("site");
    super::fixture::write(&root);
    let config = fs::read_to_string(root.join("baogao.toml")).unwrap();
    fs::write(
        root.join("baogao.toml"),
        config.replace("https://example.org/", "https://example.org/reports/"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = mpsc::channel();
    for (pipe, tx) in [
        (
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Some(tx),
        ),
        (Box::new(child.stderr.take().unwrap()), None),
    ] {
        let out = Arc::clone(&out);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let (Some(tx), Some(at)) = (&tx, line.find("serving http://127.0.0.1:")) {
                    let rest = &line[at + "serving http://127.0.0.1:".len()..];
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
                out.lock().unwrap().push_str(&(line + "\n"));
            }
        });
    }
    let port = rx
        .recv_timeout(WAIT)
        .unwrap_or_else(|_| panic!("no address printed: {}", out.lock().unwrap()));
    Server {
        child,
        port,
        root,
        out,
        _dir: dir,
    }
}

impl Server {
    pub fn request(&self, method: &str, target: &[u8], host: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
        let mut req = format!("{method} ").into_bytes();
        req.extend_from_slice(target);
        req.extend_from_slice(
            format!(" HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        s.write_all(&req).unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        Reply { status, head, body }
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request(
            "GET",
            target.as_bytes(),
            &format!("127.0.0.1:{}", self.port),
        )
    }

    /// Polls `target` until `ok` holds for its reply (bounded by [`WAIT`]).
    pub fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let r = self.get(target);
            if ok(&r) {
                return r;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "{target}: {what} did not happen; last reply {}\n{}\nserver said:\n{}",
                    r.status,
                    r.text(),
                    self.out.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

pub fn without_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    match (text.find(SCRIPT_START), text.rfind("</script>")) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{}", &text[..a], &text[b + "</script>".len()..]).into_bytes()
        }
        _ => body.to_vec(),
    }
}
