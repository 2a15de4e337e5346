//! A price checked more than 90 days ago is flagged on the page.

use crate::support::TestApp;
use axum::http::StatusCode;

#[tokio::test]
async fn an_old_check_is_flagged_as_stale() {
    let dir = crate::support::copy_pricing("stale");
    let text = std::fs::read_to_string(dir.join("google.toml")).unwrap();
    std::fs::write(
        dir.join("google.toml"),
        text.replace("checked = 2026-11-24", "checked = 2020-01-01"),
    )
    .unwrap();

    let (status, _, html) = TestApp::builder().pricing(&dir).build().get("/").await;
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(status, StatusCode::OK);
    let google = html.split(r#"data-provider="google""#).nth(1).unwrap();
    let google_row = google.split("</tr>").next().unwrap();
    assert!(google_row.contains("stale: checked"), "{google_row}");
    let anthropic = html.split(r#"data-provider="anthropic""#).nth(1).unwrap();
    assert!(!anthropic.split("</tr>").next().unwrap().contains("stale"));
}
