//! The sources of the built-in entries' facts (`assets/knowledge/sources.toml`), named for the
//! small source line under an answer.

use std::sync::OnceLock;

use serde::Deserialize;

use super::entry::Entry;
use crate::i18n::Lang;

/// One source.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The tag entries list it by.
    pub tag: String,
    /// Its name in Chinese.
    pub zh: String,
    /// Its name in English.
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    source: Vec<Source>,
}

/// Every source, parsed once. Panics if the compiled-in file does not parse, which the
/// knowledge-base test catches before a release.
pub fn all() -> &'static [Source] {
    static SOURCES: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        toml::from_str::<File>(include_str!("../../../assets/knowledge/sources.toml"))
            .map(|f| f.source)
            .unwrap_or_else(|e| panic!("built-in sources: {e}"))
    })
}

/// The source with this tag.
pub fn by_tag(tag: &str) -> Option<&'static Source> {
    all().iter().find(|s| s.tag == tag)
}

/// What the source line of `entry` says in `lang`: the names of its sources, then its note on
/// provenance; empty when there is neither.
pub fn line(entry: &Entry, lang: Lang) -> String {
    let names: Vec<&str> = entry
        .sources
        .iter()
        .filter_map(|t| by_tag(t))
        .map(|s| match lang {
            Lang::Zh => s.zh.as_str(),
            Lang::En => s.en.as_str(),
        })
        .collect();
    let sep = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    let note = entry.text(lang).provenance.trim();
    let mut parts = vec![names.join(sep)];
    parts.push(note.to_owned());
    parts.retain(|p| !p.is_empty());
    parts.join(match lang {
        Lang::Zh => "。",
        Lang::En => ". ",
    })
}
