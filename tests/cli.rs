//! The binary: `check`, `--help`, and refusing to start on bad pricing.
#![cfg(feature = "ssr")]

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
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
