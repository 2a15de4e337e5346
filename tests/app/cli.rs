//! The binary: `check`, `--help`, `prices`, and refusing to start on bad
//! pricing or settings (`estimate --usage` is `cli_estimate`).

use std::path::PathBuf;
use std::process::Command;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_llm-roi"))
}

fn bad_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        "tests/fixtures/pricebook-2026-11-24/fx.toml",
        dir.join("fx.toml"),
    )
    .unwrap();
    let text =
        std::fs::read_to_string("tests/fixtures/pricebook-2026-11-24/anthropic.toml").unwrap();
    std::fs::write(
        dir.join("anthropic.toml"),
        text.replace("output = 5\n", "output = -5\n"),
    )
    .unwrap();
    dir
}

#[test]
fn check_accepts_the_shipped_pricing() {
    let out = bin().args(["check", "pricing"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("OK: 6 providers"), "{stdout}");
}

#[test]
fn check_rejects_a_negative_price_naming_file_line_and_field() {
    let dir = bad_dir("check");
    let out = bin().arg("check").arg(&dir).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("anthropic.toml:21:10: field `output`: must be zero or more"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn server_refuses_to_start_on_bad_pricing() {
    let dir = bad_dir("serve");
    let out = bin()
        .arg("--pricing-dir")
        .arg(&dir)
        .args(["--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refuses to start"), "{stderr}");
    assert!(stderr.contains("field `output`"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_names_every_setting_and_its_variable() {
    let out = bin().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--pricing-dir",
        "LLM_ROI_PRICING_DIR",
        "--addr",
        "LEPTOS_SITE_ADDR",
        "--site-root",
        "check",
    ] {
        assert!(
            help.contains(needle),
            "{needle} missing from --help:\n{help}"
        );
    }
}

/// A scratch copy of `pricing/` (without its history).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("pricing").unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Runs the binary over the pricing directory `dir`; it must succeed.
fn run_ok(dir: &std::path::Path, args: &[&str]) {
    let out = bin()
        .arg("--pricing-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_shipped_tables_are_what_the_committed_sources_import_to() {
    let dir = scratch("import");
    run_ok(
        &dir,
        &[
            "--today",
            "2026-12-01",
            "prices",
            "import",
            "--from",
            "genai-prices",
            "pricing/sources/genai-prices-0.2.3.json",
            "--lifecycle",
            "pricing/sources/litellm-1.110.2.json",
            "--add-all",
        ],
    );
    for f in [
        "anthropic.toml",
        "openai.toml",
        "google.toml",
        "deepseek.toml",
    ] {
        let shipped = std::fs::read_to_string(format!("pricing/{f}")).unwrap();
        let imported = std::fs::read_to_string(dir.join(f)).unwrap();
        assert_eq!(
            imported, shipped,
            "{f}: run `make import-prices` and commit the result"
        );
    }
    run_ok(
        &dir,
        &[
            "fx",
            "import",
            "pricing/sources/ecb-eurofxref-2026-10-30.csv",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("fx.toml")).unwrap(),
        std::fs::read_to_string("pricing/fx.toml").unwrap()
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_diff_agrees_with_genai_prices_and_names_litellm_s_disagreements() {
    let run = |db: &str, file: &str| {
        bin()
            .args([
                "--today",
                "2026-12-01",
                "prices",
                "diff",
                "--against",
                db,
                file,
            ])
            .output()
            .unwrap()
    };
    let out = run("genai-prices", "pricing/sources/genai-prices-0.2.3.json");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("prices: every compared price agrees with genai-prices 0.2.3\n"),
        "{stdout}"
    );
    let out = run("litellm", "pricing/sources/litellm-1.110.2.json");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("  deepseek/deepseek-chat | output | 1.1 | 0.42\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("retired: google/gemini-2.5-flash was retired on 2026-12-01\n"),
        "{stdout}"
    );
    let out = run("nonsense", "pricing/sources/litellm-1.110.2.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use genai-prices or litellm"));
}

/// Starts the server on the test pricebook with `args`; it must refuse
/// within 30 s (a server that starts is killed and fails the test).
fn refused_start(name: &str, args: &[&str]) -> String {
    use std::io::Read;
    let data = std::env::temp_dir().join(format!("llm-roi-test-{name}-{}", std::process::id()));
    let mut child = bin()
        .args(["--pricing-dir", "tests/fixtures/pricebook-2026-11-24"])
        .args(["--addr", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: the server started instead of refusing");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).unwrap();
    }
    std::fs::remove_dir_all(&data).ok();
    assert!(!status.success());
    stderr
}

#[test]
fn a_bad_schedule_or_database_url_stops_the_server_with_what_to_fix() {
    let dir = std::env::temp_dir().join(format!("llm-roi-test-schedules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (schedule, want)) in [
        (
            "relay = \"holysheep\"\nevery = \"15\"",
            "schedule 1 (relay `holysheep`): `every` must be a whole number and a unit (s, m, h or d), e.g. \"15m\"; got \"15\"",
        ),
        (
            "relay = \"holysheep\"\nevery = \"1m\"\npairs = 500",
            "`pairs` must be from 1 to 50 (max_pairs); got 500",
        ),
        (
            "relay = \"anthropic\"\nevery = \"1m\"",
            "schedule 1 (relay `anthropic`): `relay` must be one of: holysheep, openrouter",
        ),
        ("relay = \"holysheep\"\nevery = \"1m\"\ncheck = \"speed\"", "unknown variant `speed`"),
    ]
    .into_iter()
    .enumerate()
    {
        let file = dir.join(format!("targets-{i}.toml"));
        std::fs::write(&file, format!("[[schedules]]\n{schedule}\n")).unwrap();
        let stderr = refused_start("schedule", &["--probe-targets", file.to_str().unwrap()]);
        assert!(stderr.contains(want), "{schedule}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
    let stderr = refused_start("dburl", &["--database-url", "mysql://me:hunter2@db/x"]);
    assert!(
        stderr.contains("--database-url must start with postgres://"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
}
