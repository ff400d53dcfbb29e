//! The classroom report: one self-contained HTML page with an overview of the
//! groups and every article with its matches highlighted.
//!
//! The page fetches nothing: styles and charts are inline, and it works from a
//! USB stick. Every match of a scored category is one `<mark>` element, so the
//! page and `framelens matches` always agree.

use crate::compare::{GroupSummary, Metric, Scope};
use crate::corpus::Meta;
use crate::lexicon::{Category, Lexicon};
use crate::score::{ArticleScore, QuoteKind, Voice};
use std::fmt::Write;
use std::ops::Range;

/// One highlighted match.
#[derive(Clone, Debug)]
pub struct Highlight {
    /// Bytes of the match in the article text.
    pub range: Range<usize>,
    /// loaded, hedging, boosters or attribution.
    pub category: String,
    /// The lexicon entry.
    pub entry: String,
    /// Whose words.
    pub voice: Voice,
}

/// One quotation or source, as `matches --quotes` lists it.
#[derive(Clone, Debug)]
pub struct QuoteRow {
    /// direct_quotes, scare_quotes, named_sources or anonymous_sources.
    pub category: &'static str,
    /// The rule or the `sources` entry behind it.
    pub reason: String,
    /// For a source, its attribution cue as printed.
    pub cue: String,
    /// Words in the quotation or the name.
    pub words: u32,
    /// The quotation or the source's words as printed.
    pub matched: String,
}

/// One article as the report shows it.
#[derive(Clone, Debug)]
pub struct ReportArticle {
    /// The article's id.
    pub id: String,
    /// The group it is counted in.
    pub group: String,
    /// Outlet, date, title.
    pub meta: Meta,
    /// The whole text.
    pub text: String,
    /// Where the body starts (after a headline kept apart).
    pub body: usize,
    /// Its figures.
    pub score: ArticleScore,
    /// Matches of the scored categories, in text order.
    pub highlights: Vec<Highlight>,
    /// Quotations (outer byte ranges) and their kinds.
    pub quotes: Vec<(Range<usize>, QuoteKind)>,
    /// The quotations and sources behind quote_share, scare_quotes,
    /// named_sources and anonymous_sources, in text order.
    pub quote_rows: Vec<QuoteRow>,
}

/// What each category means, in plain words, and what it cannot tell.
const MEANINGS: [(&str, &str, &str); 4] = [
    (
        "loaded",
        "Loaded language: words that tell the reader what to feel or think, where a plainer word would report the same fact.",
        "A list counts words, not intent: a loaded word can be fair comment, and a plain word can mislead.",
    ),
    (
        "hedging",
        "Hedging: words that hold back from full commitment (may, reportedly, it is unclear).",
        "Hedging is often good journalism: it marks what is not yet known.",
    ),
    (
        "boosters",
        "Boosters: words that present a claim as certain (clearly, in fact, no doubt).",
        "Certainty can be earned by evidence; the count cannot tell whether it was.",
    ),
    (
        "attribution",
        "Attribution: words that hand a statement to a source (said, told, according to, claimed).",
        "A quoted word belongs to the person quoted, not to the outlet; the report keeps the two apart.",
    ),
];

/// The limits of a category a lexicon folder adds, which the report cannot know.
const CUSTOM_LIMIT: &str = "the list's own header says what it measures and what it leaves out; the count is only as good as the list.";

/// The style of a category: its own for the four built-in ones, one shared
/// by every category a lexicon folder adds.
fn style_class(category: Category, name: &str) -> &str {
    if category.builtin_name().is_some() {
        name
    } else {
        "custom"
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the whole page.
pub fn render(
    articles: &[ReportArticle],
    groups: &[GroupSummary],
    group_field: &str,
    lexicon: &Lexicon,
) -> String {
    let lexicon_version = lexicon.version();
    let mut html = String::new();
    let outlets = groups.len();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>framelens report: {} articles</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        articles.len()
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = write!(
        html,
        "<header>\n<h1>How {} frame{} the story</h1>\n\
         <p>{}, compared word by word with the framelens lexicons (version {}). \
         Each figure is a count of words you can find highlighted below.</p>\n</header>\n<main>\n",
        escape(&plural(outlets, group_field)),
        if outlets == 1 { "s" } else { "" },
        plural(articles.len(), "article"),
        escape(lexicon_version)
    );
    overview(&mut html, groups, group_field, lexicon);
    legend(&mut html, articles, lexicon);
    html.push_str("<section id=\"articles\" aria-labelledby=\"articles-h\">\n<h2 id=\"articles-h\">The articles</h2>\n");
    for article in articles {
        render_article(&mut html, article, group_field, lexicon);
    }
    html.push_str("</section>\n</main>\n<footer><p>Made with framelens. Matches are lexicon entries found in the text; \
                   hover over or tap a highlighted word to see its category, entry and voice.</p></footer>\n</body>\n</html>\n");
    html
}

/// A value and its interval, as a bar and its whisker.
type Bar = (Option<f64>, Option<(f64, f64)>);

fn metric_value(g: &GroupSummary, metric: Metric) -> Bar {
    g.estimate(metric)
        .map_or((None, None), |e| (e.value, e.interval))
}

/// Bars per category with their intervals, then the attribution profile.
fn overview(html: &mut String, groups: &[GroupSummary], group_field: &str, lexicon: &Lexicon) {
    html.push_str("<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">Overview</h2>\n");
    html.push_str("<p>Matches per 1,000 words, with the 95% interval over the group's articles (the thin line). \
                   A group's rate pools its words.</p>\n<div class=\"charts\">\n");
    for c in lexicon.scored() {
        let name = lexicon.name(c);
        let category = &*escape(name);
        let class = style_class(c, name);
        let values: Vec<Bar> = groups
            .iter()
            .map(|g| metric_value(g, Metric::Rate(c, Scope::All)))
            .collect();
        let max = values
            .iter()
            .flat_map(|(v, ci)| [v.unwrap_or(0.0), ci.map_or(0.0, |c| c.1)])
            .fold(1.0f64, f64::max);
        let row = 28.0;
        let height = row * groups.len() as f64 + 10.0;
        let (label_w, bar_w) = (170.0, 220.0);
        let _ = write!(
            html,
            "<figure class=\"chart\"><figcaption><span class=\"swatch {class}\"></span>{}</figcaption>\n\
             <svg class=\"bars\" role=\"img\" aria-labelledby=\"chart-{category}\" viewBox=\"0 0 {} {height}\" width=\"100%\">\n\
             <title id=\"chart-{category}\">{} per 1,000 words by {}</title>\n",
            title_case(category),
            label_w + bar_w + 70.0,
            title_case(category),
            escape(group_field)
        );
        for (i, (g, (value, ci))) in groups.iter().zip(&values).enumerate() {
            let y = 5.0 + row * i as f64;
            let v = value.unwrap_or(0.0);
            let width = bar_w * v / max;
            let warn = if g.note.is_empty() { "" } else { " ⚠" };
            let _ = write!(
                html,
                "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{warn}</text>\
                 <rect class=\"bar {class}\" x=\"{label_w}\" y=\"{}\" width=\"{width:.1}\" height=\"16\"><title>{}: {v:.3}</title></rect>",
                label_w - 6.0,
                y + 13.0,
                escape(&shorten(&g.name, 24)),
                y + 1.0,
                escape(&g.name)
            );
            if let Some((low, high)) = ci {
                let (x1, x2) = (label_w + bar_w * low / max, label_w + bar_w * high / max);
                let _ = write!(
                    html,
                    "<line class=\"ci\" x1=\"{x1:.1}\" x2=\"{x2:.1}\" y1=\"{}\" y2=\"{}\"/>",
                    y + 9.0,
                    y + 9.0
                );
            }
            // Values stand in a column of their own, clear of bars and intervals.
            let _ = writeln!(
                html,
                "<text class=\"value\" x=\"{}\" y=\"{}\">{v:.1}</text>",
                label_w + bar_w + 10.0,
                y + 13.0
            );
        }
        html.push_str("</svg></figure>\n");
    }
    html.push_str("</div>\n");
    let _ = write!(
        html,
        "<h3>Attribution profile</h3>\n<table class=\"profile\">\n<thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">Articles</th><th scope=\"col\">Words</th><th scope=\"col\">Named sources</th>\
         <th scope=\"col\">Anonymous sources</th><th scope=\"col\">Anonymous share</th>\
         <th scope=\"col\">Words in quotes</th><th scope=\"col\">Scare quotes</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n",
        escape(&title_case(group_field))
    );
    for g in groups {
        let (named, anonymous, scare) = (
            g.totals.named_sources,
            g.totals.anonymous_sources,
            g.totals.scare_quotes,
        );
        let (anon_share, _) = metric_value(g, Metric::AnonymousShare);
        let (quote_share, _) = metric_value(g, Metric::QuoteShare);
        let note = if g.note.is_empty() {
            String::new()
        } else {
            format!("<span class=\"warning\">⚠ {}</span>", escape(&g.note))
        };
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{named}</td><td>{anonymous}</td><td>{}</td><td>{}</td><td>{scare}</td><td>{note}</td></tr>",
            escape(&g.name),
            g.articles,
            g.words,
            anon_share.map_or("–".to_string(), |v| format!("{:.0}%", v * 100.0)),
            quote_share.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0)),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

/// The legend: each measure in plain words, an example from the text, its limits.
fn legend(html: &mut String, articles: &[ReportArticle], lexicon: &Lexicon) {
    html.push_str("<section id=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">What the measures mean</h2>\n<dl>\n");
    for c in lexicon.scored() {
        let category = lexicon.name(c);
        let custom;
        let (meaning, limit) = match MEANINGS.iter().find(|m| m.0 == category) {
            Some(&(_, meaning, limit)) => (meaning, limit),
            None => {
                custom = format!(
                    "{}: words from {category}.txt, a list this lexicon folder adds.",
                    title_case(category)
                );
                (custom.as_str(), CUSTOM_LIMIT)
            }
        };
        let class = style_class(c, category);
        let category = &*escape(category);
        let example = articles.iter().find_map(|a| {
            a.highlights
                .iter()
                .find(|h| h.category == category)
                .map(|h| (a, &a.text[h.range.clone()]))
        });
        let example = match example {
            Some((a, words)) => format!(
                " Example: <mark data-sample=\"{category}\">{}</mark> in {}.",
                escape(words),
                escape(if a.meta.title.is_empty() {
                    &a.id
                } else {
                    &a.meta.title
                })
            ),
            None => String::new(),
        };
        let _ = writeln!(
            html,
            "<dt><span class=\"swatch {class}\"></span>{}</dt><dd>{}{example} <em>Limits:</em> {}</dd>",
            title_case(category),
            escape(meaning),
            escape(limit)
        );
    }
    html.push_str(
        "<dt>Quotations</dt><dd><span class=\"quote direct\">Direct quotes</span> are the source's words: \
         matches inside them are counted in the quoted voice, apart from the outlet's own. \
         <span class=\"quote scare\">Scare quotes</span> (four words or fewer, nobody said to have spoken them) \
         stay in the author's voice: the writer keeps a word at arm's length.</dd>\n</dl>\n</section>\n",
    );
}

fn render_article(html: &mut String, a: &ReportArticle, group_field: &str, lexicon: &Lexicon) {
    let title = if a.meta.title.is_empty() {
        a.id.as_str()
    } else {
        a.meta.title.as_str()
    };
    let s = &a.score;
    let _ = write!(
        html,
        "<article id=\"article-{}\">\n<h3>{}</h3>\n<p class=\"meta\">{}: {} · {} · {} words · {} per 1,000 words</p>\n<div class=\"body\">\n<p>",
        escape(&a.id),
        escape(title),
        escape(&title_case(group_field)),
        escape(&a.group),
        escape(if a.meta.date.is_empty() {
            "undated"
        } else {
            &a.meta.date
        }),
        s.words,
        lexicon
            .scored()
            .map(|c| format!("{} {:.1}", escape(lexicon.name(c)), rate(s, c)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    body(html, a);
    html.push_str("</p>\n</div>\n");
    quote_table(html, a);
    html.push_str("</article>\n");
}

/// The sources and quotations of an article, one row each, so that its
/// source and quotation figures can be checked like its matches.
fn quote_table(html: &mut String, a: &ReportArticle) {
    if a.quote_rows.is_empty() {
        return;
    }
    let s = &a.score;
    let _ = write!(
        html,
        "<details class=\"sources\">\n<summary>Sources and quotations: {} named, {} anonymous, \
         {} scare quotes; {:.0}% of the words in direct quotes</summary>\n<table class=\"profile\">\n\
         <thead><tr><th scope=\"col\">Counted as</th><th scope=\"col\">Words as printed</th>\
         <th scope=\"col\">Why</th><th scope=\"col\">Cue</th><th scope=\"col\">Words</th></tr></thead>\n<tbody>\n",
        s.named_sources,
        s.anonymous_sources,
        s.scare_quotes,
        Metric::QuoteShare
            .pooled(std::slice::from_ref(s))
            .unwrap_or(0.0)
            * 100.0,
    );
    for row in &a.quote_rows {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            row.category.replace('_', " "),
            escape(&shorten(&row.matched, 120)),
            escape(&row.reason),
            escape(&row.cue),
            row.words,
        );
    }
    html.push_str("</tbody>\n</table>\n</details>\n");
}

/// An article's matches of `category` per 1,000 words.
fn rate(s: &crate::score::ArticleScore, category: Category) -> f64 {
    Metric::Rate(category, Scope::All)
        .pooled(std::slice::from_ref(s))
        .unwrap_or(0.0)
}

/// An element to open over a byte range of the text.
struct Span {
    range: Range<usize>,
    open: String,
    close: &'static str,
}

/// The body text, with quotations set off and matches marked, one `<mark>` per match.
fn body(html: &mut String, a: &ReportArticle) {
    let mut spans: Vec<Span> = Vec::new();
    for (range, kind) in &a.quotes {
        let class = match kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Scare => "scare",
        };
        spans.push(Span {
            range: range.clone(),
            open: format!("<span class=\"quote {class}\">"),
            close: "</span>",
        });
    }
    for h in &a.highlights {
        let voice = match h.voice {
            Voice::Author => "author's voice",
            Voice::Quoted => "quoted voice",
        };
        let tip = format!("{} · entry: {} · {voice}", h.category, h.entry);
        spans.push(Span {
            range: h.range.clone(),
            open: format!(
                "<mark data-category=\"{}\" data-entry=\"{}\" data-voice=\"{}\" data-tip=\"{}\" tabindex=\"0\">",
                escape(&h.category),
                escape(&h.entry),
                h.voice.as_str(),
                escape(&tip)
            ),
            close: "</mark>",
        });
    }
    // Outer elements first: by start, then the longer one.
    spans.sort_by(|x, y| {
        x.range
            .start
            .cmp(&y.range.start)
            .then(y.range.end.cmp(&x.range.end))
    });
    let mut cursor = a.body;
    let mut open: Vec<(usize, &'static str)> = Vec::new();
    for span in &spans {
        while let Some(&(end, close)) = open.last() {
            if end > span.range.start {
                break;
            }
            text(html, &a.text[cursor..end], open.is_empty());
            html.push_str(close);
            cursor = end;
            open.pop();
        }
        let start = span.range.start.max(cursor);
        text(html, &a.text[cursor..start], open.is_empty());
        html.push_str(&span.open);
        cursor = start;
        // An element that would cross the end of its parent stops there, so
        // that the page stays well formed; it is still one element.
        let end = open
            .last()
            .map_or(span.range.end, |&(parent, _)| span.range.end.min(parent));
        open.push((end.max(start), span.close));
    }
    while let Some((end, close)) = open.pop() {
        text(html, &a.text[cursor..end], false);
        html.push_str(close);
        cursor = end;
    }
    text(html, &a.text[cursor..], true);
}

/// Escaped text; at the top level a line break starts a new paragraph.
fn text(html: &mut String, text: &str, top_level: bool) {
    let mut lines = text.split(['\n', '\r']).peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            // Runs of line breaks give empty pieces: one paragraph break per run.
            if !line.is_empty() || lines.peek().is_none() {
                html.push_str(if top_level { "</p>\n<p>" } else { "<br>" });
            }
        }
        html.push_str(&escape(line));
        first = false;
    }
}

fn title_case(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(['…']).collect()
    }
}

const STYLE: &str = r#":root { --ink: #1b1b1b; --muted: #4a4a4a; --paper: #ffffff;
  --loaded: #fbd5d5; --loaded-line: #a4161a; --hedging: #d4e4fa; --hedging-line: #1d4e89;
  --boosters: #fde8c8; --boosters-line: #9a4a00; --attribution: #d5f0dc; --attribution-line: #1e6b34;
  --custom: #e4e4e4; --custom-line: #333333; }
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper); margin: 0; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.2rem; }
h1, h2, h3 { font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin-top: 1.5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
figure.chart { margin: 0; }
figcaption { font: 600 1rem system-ui, Arial, sans-serif; }
svg.bars text { font: 12px system-ui, Arial, sans-serif; fill: var(--ink); }
rect.bar.loaded { fill: var(--loaded-line); } rect.bar.hedging { fill: var(--hedging-line); }
rect.bar.boosters { fill: var(--boosters-line); } rect.bar.attribution { fill: var(--attribution-line); }
rect.bar.custom { fill: var(--custom-line); }
line.ci { stroke: var(--ink); stroke-width: 2; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .4em; vertical-align: -.1em; border: 1px solid var(--ink); }
.swatch.loaded { background: var(--loaded); border-bottom: 3px solid var(--loaded-line); }
.swatch.hedging { background: var(--hedging); border-bottom: 3px dashed var(--hedging-line); }
.swatch.boosters { background: var(--boosters); border-bottom: 3px double var(--boosters-line); }
.swatch.attribution { background: var(--attribution); border-bottom: 3px dotted var(--attribution-line); }
.swatch.custom { background: var(--custom); border-bottom: 3px solid var(--custom-line); }
table.profile { border-collapse: collapse; font: 14px system-ui, Arial, sans-serif; width: 100%; }
table.profile th, table.profile td { border-bottom: 1px solid #bbb; padding: .3rem .4rem; text-align: left; }
.warning { color: #7a2e00; font-weight: 600; }
dl dt { font-weight: 700; margin-top: .6rem; font-family: system-ui, Arial, sans-serif; }
article { border-top: 2px solid var(--ink); margin-top: 2rem; }
.meta { color: var(--muted); font: 14px system-ui, Arial, sans-serif; }
.quote.direct { background: #f1f1f1; border-left: 3px solid #777; padding: 0 .15em; }
.quote.scare { outline: 1px dashed #777; }
mark { color: var(--ink); position: relative; padding: 0 .05em; text-decoration-thickness: 2px; text-underline-offset: 3px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark[data-category], mark[data-sample] { background: var(--custom); text-decoration: underline wavy var(--custom-line); }
mark[data-category="loaded"], mark[data-sample="loaded"] { background: var(--loaded); text-decoration: underline solid var(--loaded-line); }
mark[data-category="hedging"], mark[data-sample="hedging"] { background: var(--hedging); text-decoration: underline dashed var(--hedging-line); }
mark[data-category="boosters"], mark[data-sample="boosters"] { background: var(--boosters); text-decoration: underline double var(--boosters-line); }
mark[data-category="attribution"], mark[data-sample="attribution"] { background: var(--attribution); text-decoration: underline dotted var(--attribution-line); }
mark[data-tip]:hover::after, mark[data-tip]:focus::after { content: attr(data-tip); position: absolute; left: 0; top: 1.7em; z-index: 2;
  white-space: nowrap; background: var(--ink); color: #fff; font: 13px system-ui, Arial, sans-serif; padding: .2rem .45rem; border-radius: 3px; }
mark[data-category] mark[data-category] { outline: 1px solid var(--ink); }
footer { color: var(--muted); font-size: .9rem; margin-bottom: 2rem; }
@page { margin: 15mm; }
@media print {
  body { font-size: 11pt; }
  .charts { grid-template-columns: 1fr 1fr; }
  #articles { break-before: page; }
  article { border-top: none; }
  article + article { break-before: page; }
  figure.chart, table.profile tr { break-inside: avoid; }
  mark[data-tip]:hover::after, mark[data-tip]:focus::after { content: none; }
  header, main, footer { max-width: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn article(
        text: &str,
        highlights: Vec<(Range<usize>, &str)>,
        quotes: Vec<(Range<usize>, QuoteKind)>,
    ) -> ReportArticle {
        ReportArticle {
            id: "a".into(),
            group: "G".into(),
            meta: Meta::default(),
            text: text.into(),
            body: 0,
            score: ArticleScore::default(),
            highlights: highlights
                .into_iter()
                .map(|(range, category)| Highlight {
                    range,
                    category: category.into(),
                    entry: "e".into(),
                    voice: Voice::Author,
                })
                .collect(),
            quotes,
            quote_rows: Vec::new(),
        }
    }

    fn body_of(a: &ReportArticle) -> String {
        let mut html = String::new();
        body(&mut html, a);
        html
    }

    #[test]
    fn marks_nest_inside_quotes_and_paragraphs_split() {
        let text = "He said “a brazen plan” <ok>.\n\nNext & last.";
        let a = article(
            text,
            vec![(13..19, "loaded"), (3..7, "attribution")],
            vec![(8..27, QuoteKind::Scare)],
        );
        let html = body_of(&a);
        assert_eq!(html.matches("<mark ").count(), 2);
        assert!(
            html.contains("<span class=\"quote scare\">“a <mark data-category=\"loaded\""),
            "{html}"
        );
        assert!(
            html.contains("&lt;ok&gt;.</p>\n<p>Next &amp; last."),
            "{html}"
        );
    }

    #[test]
    fn overlapping_matches_stay_one_element_each() {
        let text = "according to officials";
        let a = article(
            text,
            vec![(0..12, "attribution"), (0..9, "hedging"), (5..15, "loaded")],
            vec![],
        );
        let html = body_of(&a);
        assert_eq!(html.matches("<mark ").count(), 3);
        assert_eq!(html.matches("</mark>").count(), 3);
    }

    #[test]
    fn the_group_field_is_escaped_everywhere() {
        let html = render(&[], &[], "x</title><script>", &Lexicon::builtin().unwrap());
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn sources_and_quotations_are_listed_under_the_article() {
        let mut a = article("x", vec![], vec![]);
        a.score.named_sources = 1;
        a.quote_rows.push(QuoteRow {
            category: "named_sources",
            reason: "name".into(),
            cue: "told".into(),
            words: 2,
            matched: "Ana <Ruiz>".into(),
        });
        let mut html = String::new();
        render_article(&mut html, &a, "outlet", &Lexicon::builtin().unwrap());
        assert!(html.contains("<summary>Sources and quotations: 1 named, 0 anonymous"));
        assert!(html.contains(
            "<tr><td>named sources</td><td>Ana &lt;Ruiz&gt;</td><td>name</td><td>told</td><td>2</td></tr>"
        ));
        let mut html = String::new();
        render_article(
            &mut html,
            &article("x", vec![], vec![]),
            "outlet",
            &Lexicon::builtin().unwrap(),
        );
        assert!(!html.contains("<details"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<script>\"x\" & 'y'"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}
