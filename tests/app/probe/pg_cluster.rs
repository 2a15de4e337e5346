//! A PostgreSQL server of a test's own, to stop and start under a running
//! llm-roi: a new cluster in a temporary directory on 127.0.0.1 and a free
//! port, deleted when dropped. As root it runs as the `postgres` user, as
//! `scripts/with-postgres.sh` does.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct PgCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

fn bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").exists())
        .collect();
    dirs.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
    });
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// `bin/tool args…`, as the `postgres` user when root; panics with its
/// output when it fails.
fn run(bin: &Path, tool: &str, args: &[&str]) {
    let tool = bin.join(tool);
    let out = if is_root() {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(&tool)
            .args(args)
            .output()
    } else {
        Command::new(&tool).args(args).output()
    }
    .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}{}",
        tool.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl PgCluster {
    /// A new running cluster with a database `llm_roi`; `None` (the test is
    /// skipped) when PostgreSQL is not installed, unless
    /// `LLM_ROI_REQUIRE_POSTGRES` is set (`make test` sets it).
    pub fn start(name: &str) -> Option<Self> {
        let Some(bin) = bin_dir() else {
            assert!(
                std::env::var("LLM_ROI_REQUIRE_POSTGRES").is_err(),
                "LLM_ROI_REQUIRE_POSTGRES is set but PostgreSQL is not installed (scripts/setup.sh test)"
            );
            eprintln!("skipped: PostgreSQL is not installed");
            return None;
        };
        let dir = super::support::scratch_dir(&format!("pg-{name}"));
        if is_root() {
            let ok = Command::new("chown")
                .args(["postgres"])
                .arg(&dir)
                .status()
                .unwrap();
            assert!(ok.success(), "chown postgres {}", dir.display());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let data = dir.join("data");
        let data = data.to_str().unwrap();
        run(
            &bin,
            "initdb",
            &[
                "-D",
                data,
                "-U",
                "llm_roi",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let cluster = Self { dir, bin, port };
        cluster.restart();
        run(
            &cluster.bin,
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "llm_roi",
                "llm_roi",
            ],
        );
        Some(cluster)
    }

    pub fn url(&self) -> String {
        format!("postgres://llm_roi@127.0.0.1:{}/llm_roi", self.port)
    }

    fn data(&self) -> String {
        self.dir.join("data").to_string_lossy().into_owned()
    }

    /// Stops the server (its clients are disconnected) and waits for it.
    pub fn stop(&self) {
        run(
            &self.bin,
            "pg_ctl",
            &["-D", &self.data(), "-m", "fast", "-w", "stop"],
        );
    }

    /// Starts the server on its port and waits until it accepts connections.
    pub fn restart(&self) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("server.log");
        run(
            &self.bin,
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-o",
                &opts,
                "start",
            ],
        );
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let _ = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(self.bin.join("pg_ctl"))
                .args(args)
                .output()
        } else {
            Command::new(self.bin.join("pg_ctl")).args(args).output()
        };
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
