//! The accept loop (`server::serve`) over a real socket: 600 connections
//! that send half their headers and stop do not keep others from being
//! served, and the header-read timeout closes them.

use crate::support::TestApp;
use llm_roi::server::serve::{serve, ServeLimits};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_closed_and_others_are_served_meanwhile() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = ServeLimits {
        max_connections: 1024,
        header_timeout: Duration::from_millis(1500),
    };
    let server = tokio::spawn(serve(listener, TestApp::shared().router(), limits));
    let mut slow = Vec::new();
    for _ in 0..600 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /api/v1/status HTTP/1.1\r\nHost: 127.0")
            .await
            .unwrap();
        slow.push(s);
    }
    let answer = get(addr, "/api/v1/pricebook").await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let mut closed = 0;
    for s in &mut slow {
        let mut buf = [0u8; 512];
        // A closed connection reads its end (after hyper's 408, if any).
        let ended = tokio::time::timeout(Duration::from_millis(200), async {
            loop {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await;
        closed += usize::from(ended.is_ok());
    }
    assert_eq!(
        closed, 600,
        "every slow connection is closed by the header timeout"
    );
    let answer = get(addr, "/api/v1/pricebook").await;
    assert!(answer.starts_with("HTTP/1.1 200"));
    server.abort();
}
