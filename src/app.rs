//! The Leptos application: the HTML shell and the routes.

pub mod island_scripts;

use crate::pages::calculator::CalculatorPage;
use crate::pages::embed::EmbedPage;
use crate::pages::probe::ProbePage;
use crate::pages::report::ReportPage;
use island_scripts::IslandScripts;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, StaticSegment};

/// The path of the request being rendered (`/` if unknown).
fn request_path() -> String {
    use_context::<leptos_router::location::RequestUrl>()
        .map(|u| {
            let url = u.as_ref();
            let path = url
                .split_once("://")
                .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
            path.split(['?', '#']).next().unwrap_or("/").to_string()
        })
        .unwrap_or_else(|| "/".to_string())
}

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = view! { <HashedStylesheet id="leptos" options=options.clone()/> };
    // `/embed` is served without the hydration scripts (no JavaScript in
    // wikis' iframes).
    let path = request_path();
    let scripts = (path != llm_roi_core::report::embed::EMBED_PATH)
        .then(|| view! { <IslandScripts options path/> });
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                {stylesheet}
                {scripts}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routes. Pages render completely on the server (`SsrMode::Async`), so
/// every figure is in the HTML without JavaScript. The router runs on the
/// server only: the browser hydrates the pages' islands (`#[island]`), so a
/// link to another page is a page load.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="llm-roi: what moving your LLM API traffic costs and saves"/>
        <Router>
            <main>
                <Routes fallback=|| view! { <p class="not-found">"Page not found. The calculator is at " <a href="/">"/"</a> "."</p> }>
                    <Route path=StaticSegment("") view=CalculatorPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("probe") view=ProbePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("report") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("embed") view=EmbedPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
