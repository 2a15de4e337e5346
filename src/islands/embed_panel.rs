//! Copyable snippets for wikis: an iframe of `/embed`, a Markdown image of
//! a chart and the plain link.

use crate::components::copy_field::CopyField;
use leptos::prelude::*;

/// The snippets, computed by the page (the island's props, so serialised).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Snippets {
    pub iframe: String,
    pub markdown: String,
    pub link: String,
    pub oembed: String,
}

/// An island: the copy buttons hydrate. Usage:
/// `view! { <EmbedPanel snippets/> }`.
#[island]
pub fn EmbedPanel(snippets: Snippets) -> impl IntoView {
    view! {
        <section class="embed-panel no-print" aria-labelledby="embed-heading">
            <h2 id="embed-heading">"Embed"</h2>
            <p>"Paste one of these into a wiki page or a README. Every reader sees the same figures; the embed links back to this report."</p>
            <CopyField label="Iframe (Confluence HTML macro, MediaWiki widget, Notion and Outline embeds)" text=snippets.iframe testid="snippet-iframe" multiline=true/>
            <CopyField label="Markdown image of the savings chart" text=snippets.markdown testid="snippet-markdown" multiline=true/>
            <CopyField label="Link" text=snippets.link testid="snippet-link"/>
            <p class="oembed-note">"Sites that read oEmbed can turn the link into the embed by themselves: " <a href=snippets.oembed.clone()>"oEmbed answer"</a> "."</p>
        </section>
    }
}
