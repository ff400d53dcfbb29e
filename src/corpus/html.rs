//! Web pages: the article's text and facts, found by a main-content extractor.
//!
//! `dom_smoothie` (a port of Mozilla's Readability) finds the article; it was
//! chosen by measurement over `rs-trafilatura` and `readability` (see
//! VALIDATION.md). Around it, framelens only drops what the extractor keeps
//! but a reader would not count as the article's words: image captions,
//! a repeated headline or byline, and advertisement labels.

use super::Meta;

/// What a page gave: its headline, its body, and the facts it states about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline (`og:title`, JSON-LD `headline`, or the `<title>` less the site's name).
    pub headline: String,
    /// The article's paragraphs, one per line, separated by blank lines.
    pub body: String,
    /// Title, outlet, date, URL and author, where the page states them.
    pub facts: Facts,
}

/// The facts a page states about its article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// `og:title`, JSON-LD `headline`, or `<title>`.
    pub title: Option<String>,
    /// `og:site_name` or JSON-LD `publisher`.
    pub outlet: Option<String>,
    /// `article:published_time` or JSON-LD `datePublished`, as written.
    pub date: Option<String>,
    /// JSON-LD `url`, `og:url` or the canonical link.
    pub url: Option<String>,
    /// The byline: `author` metadata, JSON-LD `author`, or a byline in the page.
    pub author: Option<String>,
}

impl Facts {
    /// Fills the fields of `meta` that are empty; a value already there (from
    /// a manifest, a record or the command line) wins.
    pub fn fill(self, meta: &mut Meta) {
        let facts = [
            ("title", self.title),
            ("outlet", self.outlet),
            ("date", self.date),
            ("url", self.url),
            ("author", self.author),
        ];
        for (name, value) in facts {
            if let Some(value) = value
                && meta.get(name).is_none_or(|v| v.trim().is_empty())
            {
                // An empty column of that name gives way to the page's value.
                meta.extra.retain(|(k, _)| k != name);
                meta.set(name, value);
            }
        }
    }
}

impl Page {
    /// The article's text as framelens scores it: the headline, a blank
    /// line, then the body; and the byte offset where the body starts.
    pub fn into_text(self) -> (String, usize) {
        if self.headline.is_empty() {
            return (self.body, 0);
        }
        let body = self.headline.len();
        (format!("{}\n\n{}", self.headline, self.body), body)
    }
}

/// Why a page gave no article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoArticle {
    /// The extractor found no block of text that reads like an article.
    #[error(
        "no article found in the page (an index page, a login wall or a page of links?); skipped"
    )]
    NotFound,
    /// What was found is too short to be an article.
    #[error(
        "no article found in the page: the longest text is {0} words (an index page, a login wall?); skipped"
    )]
    TooShort(usize),
}

/// Fewer words than this are a teaser or a notice, not an article.
pub const MIN_WORDS: usize = 40;

/// Labels that pages put between paragraphs and extractors keep.
const LABELS: &[&str] = &[
    "advertisement",
    "skip advertisement",
    "advertisement - scroll to continue",
    "story continues below advertisement",
    "continue reading",
    "continue reading below",
    "read more",
];

/// Finds the article in a web page.
pub fn extract(html: &str) -> Result<Page, NoArticle> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config))
        .map_err(|_| NoArticle::NotFound)?;
    let stated_url = ["meta[property='og:url']", "link[rel='canonical']"]
        .iter()
        .zip(["content", "href"])
        .find_map(|(selector, attr)| {
            let value = readability.doc.select(selector).attr(attr)?;
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_string())
        });
    // Readability's own test: is there prose at all, or only links and teasers?
    if !readability.is_probably_readable() {
        return Err(NoArticle::NotFound);
    }
    // Captions describe a picture, not the story; extractors keep them
    // when the picture sits inside the article.
    readability
        .doc
        .select("figcaption, .caption, .wp-caption-text, [class*='image-caption']")
        .remove();
    let article = readability.parse().map_err(|_| NoArticle::NotFound)?;
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let headline = article.title.trim().to_string();
    let author = nonempty(article.byline);
    let body = paragraphs(&article.text_content, &headline, author.as_deref());
    let words = body.split_whitespace().count();
    if words < MIN_WORDS {
        return Err(NoArticle::TooShort(words));
    }
    Ok(Page {
        facts: Facts {
            title: nonempty(Some(headline.clone())),
            outlet: nonempty(article.site_name),
            date: nonempty(article.published_time),
            url: nonempty(article.url).or(stated_url),
            author,
        },
        headline,
        body,
    })
}

/// The extracted text's paragraphs, one per line and separated by blank
/// lines, less labels, the headline and the byline.
fn paragraphs(text: &str, headline: &str, author: Option<&str>) -> String {
    let key = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let headline = key(headline);
    let byline = author.map(key);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let k = key(line);
        // A byline block: the name, perhaps after "By" and before a job title.
        let is_byline = byline.as_deref().is_some_and(|b| {
            let rest = k.strip_prefix("by ").unwrap_or(&k);
            rest.starts_with(b) && k.split(' ').count() <= 8
        });
        // Counters and dates of sharing widgets: no word in them.
        let wordless = !line
            .chars()
            .zip(line.chars().skip(1))
            .any(|(a, b)| a.is_alphabetic() && b.is_alphabetic());
        if (out.is_empty() && k == headline)
            || is_byline
            || wordless
            || LABELS.contains(&k.as_str())
        {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        // Runs of spaces are layout, not text.
        let mut first = true;
        for word in line.split([' ', '\t']).filter(|w| !w.is_empty()) {
            if !first {
                out.push(' ');
            }
            out.push_str(word);
            first = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The council approved the budget on Monday, officials said. \
        It was the third vote this year on the plan, which the mayor has called \
        responsible and her critics have called a reckless gamble with the town's savings.";

    fn page(body: &str) -> String {
        format!(
            r#"<!DOCTYPE html><html><head><title>Budget Passes | Harbor Gazette</title>
<meta property="og:title" content="Budget Passes">
<meta property="og:site_name" content="Harbor Gazette">
<meta property="article:published_time" content="2024-03-05">
<meta property="og:url" content="https://gazette.example/budget">
<meta name="author" content="Ana Ruiz">
<script>var claims = "brazen";</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Budget Passes</h1><p class="byline">By Ana Ruiz</p>
<figure><img src="a.jpg"><figcaption>The council chamber on Monday.</figcaption></figure>
{body}</article><footer>© Harbor Gazette</footer></body></html>"#
        )
    }

    #[test]
    fn the_article_its_paragraphs_and_its_facts() {
        let html = page(&format!(
            "<p>{BODY}</p><div class=\"ad\">Advertisement</div><p>{BODY}</p><p>Second  \
             <em>paragraph</em> here, with more words in it to read.</p>"
        ));
        let page = extract(&html).unwrap();
        assert_eq!(page.headline, "Budget Passes");
        assert_eq!(
            page.body,
            format!("{BODY}\n\n{BODY}\n\nSecond paragraph here, with more words in it to read.")
        );
        assert_eq!(
            page.facts,
            Facts {
                title: Some("Budget Passes".into()),
                outlet: Some("Harbor Gazette".into()),
                date: Some("2024-03-05".into()),
                url: Some("https://gazette.example/budget".into()),
                author: Some("Ana Ruiz".into()),
            }
        );
        let (text, body) = page.into_text();
        assert_eq!(&text[..body], "Budget Passes");
        assert!(text[body..].starts_with("\n\nThe council"));
    }

    #[test]
    fn given_metadata_wins_over_the_page() {
        let mut meta = Meta {
            outlet: "Gazette (print)".into(),
            extra: vec![("author".into(), String::new())],
            ..Meta::default()
        };
        let facts = Facts {
            title: Some("T".into()),
            outlet: Some("Harbor Gazette".into()),
            date: None,
            url: Some("u".into()),
            author: Some("A".into()),
        };
        facts.fill(&mut meta);
        assert_eq!(meta.outlet, "Gazette (print)");
        assert_eq!(meta.title, "T");
        assert_eq!(meta.date, "");
        assert_eq!(meta.get("url"), Some("u"));
        assert_eq!(meta.get("author"), Some("A"));
    }

    #[test]
    fn pages_without_an_article_are_refused() {
        let index = "<html><head><title>News</title></head><body><ul>\
            <li><a href=\"/a\">Bridge closed</a></li><li><a href=\"/b\">Library hours</a></li>\
            </ul></body></html>";
        assert!(extract(index).is_err());
        assert!(extract("").is_err());
        assert!(matches!(
            extract(&page("<p>Sign in to keep reading.</p>")),
            Err(NoArticle::TooShort(_) | NoArticle::NotFound)
        ));
    }
}
