//! The Leptos application: the HTML shell and the routes.

use crate::pages::calculator::CalculatorPage;
use crate::pages::probe::ProbePage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, StaticSegment};

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routes. Pages render completely on the server (`SsrMode::Async`), so
/// every figure is in the HTML without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/llm-roi.css"/>
        <Title text="llm-roi: what moving your LLM API traffic costs and saves"/>
        <Router>
            <main>
                <Routes fallback=|| view! { <p class="not-found">"Page not found. The calculator is at " <a href="/">"/"</a> "."</p> }>
                    <Route path=StaticSegment("") view=CalculatorPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("probe") view=ProbePage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
