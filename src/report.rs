//! The classroom report: one self-contained HTML page with an overview of the
//! groups, every article at a glance, each story side by side, and every
//! article with its matches highlighted.
//!
//! The page fetches nothing and runs nothing: styles are inline, charts are
//! drawn with HTML and CSS, and it works from a USB stick. Every match of a
//! scored category is one `<mark data-category>` element in the articles, so
//! the page and `framelens matches` always agree; copies of a match shown
//! elsewhere (the legend, the side-by-side view) are `<mark data-sample>`.
//!
//! The page is built from sections, each a function of its own writing into
//! the page in order ([`render`]); a new section is one more function and one
//! more entry in the table of contents.

use crate::compare::{GroupSummary, Metric, Scope};
use crate::corpus::Meta;
use crate::lexicon::{Category, Lexicon};
use crate::score::{ArticleScore, QuoteKind, Voice};
use std::collections::BTreeMap;
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
    /// The entry's strength, where its category is graded.
    pub strength: Option<f64>,
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
    /// The story it reports: its value of the field that tells stories apart.
    pub story: String,
    /// Outlet, date, title.
    pub meta: Meta,
    /// The whole text.
    pub text: String,
    /// Where the body starts (after a headline kept apart).
    pub body: usize,
    /// Its figures.
    pub score: ArticleScore,
    /// Matches of the scored categories, in text order (sorted by start).
    pub highlights: Vec<Highlight>,
    /// Quotations (outer byte ranges) and their kinds.
    pub quotes: Vec<(Range<usize>, QuoteKind)>,
    /// The quotations and sources behind quote_share, scare_quotes,
    /// named_sources and anonymous_sources, in text order.
    pub quote_rows: Vec<QuoteRow>,
    /// Byte ranges of the body's sentences, in order: sentence `n` of
    /// `framelens matches` is `sentences[n - 1]`.
    pub sentences: Vec<Range<usize>>,
}

/// One sentence of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SentenceRef {
    /// Index of the article in the report's articles.
    pub article: usize,
    /// Index of the sentence in the article's `sentences`.
    pub sentence: usize,
}

/// One fact of a story: the sentences that report it. Told by two groups or
/// more it is a row of the side-by-side view; told by one group only, it is
/// listed apart as that group's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fact {
    /// The sentences that tell it, in any order.
    pub tellings: Vec<SentenceRef>,
}

/// One story: its articles are those whose `story` is `name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// The story's value of the field that tells stories apart.
    pub name: String,
    /// A short label in words, when one is known beside the name.
    pub label: String,
    /// Its facts, in the order to show them.
    pub facts: Vec<Fact>,
    /// Why its facts were not aligned, when they were not.
    pub note: String,
}

/// Everything the page shows.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The articles, in the order given.
    pub articles: &'a [ReportArticle],
    /// The groups' figures, in the order of the charts.
    pub groups: &'a [GroupSummary],
    /// The field the groups are formed on (`--by`).
    pub group_field: &'a str,
    /// The field that tells stories apart (`--within`), if any.
    pub story_field: Option<&'a str>,
    /// The stories, in the order to show them; every article's story is one of them.
    pub stories: &'a [Story],
    /// The lexicons: their categories and version.
    pub lexicon: &'a Lexicon,
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
pub fn render(report: &Report) -> String {
    let mut html = String::new();
    let heading = heading(report);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>framelens report: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(&heading)
    );
    let stories = match report.story_field {
        Some(field) => format!(
            " on {} (a story is the articles that share one {})",
            count(report.stories.len(), "story"),
            escape(&words_of(field))
        ),
        None => String::new(),
    };
    let _ = write!(
        html,
        "<header>\n<h1>{}</h1>\n\
         <p>{}{stories}, compared word by word with the framelens lexicons (version {}). \
         Each figure is a count of words you can find highlighted below.</p>\n</header>\n<main>\n",
        escape(&heading),
        count(report.articles.len(), "article"),
        escape(report.lexicon.version())
    );
    contents(&mut html, report);
    overview(&mut html, report);
    profile(&mut html, report);
    legend(&mut html, report);
    summary(&mut html, report);
    side_by_side(&mut html, report);
    articles(&mut html, report);
    html.push_str("</main>\n<footer><p>Made with framelens. Matches are lexicon entries found in the text; \
                   hover over or tap a highlighted word to see its category, entry and voice.</p></footer>\n</body>\n</html>\n");
    html
}

/// `n` and the word, plural when `n` is not one.
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {}", plural(word))
    }
}

/// The English plural of a noun or of the last word of a phrase.
fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    let consonant_y =
        lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// A field name in plain words: `source_type` is "source type", `id` an article.
fn words_of(field: &str) -> String {
    if field == "id" {
        return "article".to_string();
    }
    let words: Vec<&str> = field
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        field.to_string()
    } else {
        words.join(" ").to_lowercase()
    }
}

/// Fields whose groups write the articles, so that the groups "frame" stories.
const WRITERS: [&str; 10] = [
    "outlet",
    "source",
    "publisher",
    "publication",
    "author",
    "site",
    "newspaper",
    "channel",
    "network",
    "id",
];

/// The page's heading: "How 4 outlets frame 5 stories", "How 5 stories are
/// framed across 3 dates", right in number for any field.
fn heading(report: &Report) -> String {
    let groups = count(report.groups.len(), &words_of(report.group_field));
    let told = match (report.story_field, report.stories.len()) {
        (None, _) => format!("their {}", count(report.articles.len(), "article")),
        (Some(_), 1) => "the story".to_string(),
        (Some(_), n) => count(n, "story"),
    };
    let writers = WRITERS.contains(&report.group_field.to_lowercase().as_str());
    if writers {
        let verb = if report.groups.len() == 1 {
            "frames"
        } else {
            "frame"
        };
        format!("How {groups} {verb} {told}")
    } else {
        let told = told.strip_prefix("their ").unwrap_or(&told);
        let verb = if told == "the story" || told.starts_with("1 ") {
            "is"
        } else {
            "are"
        };
        format!("How {told} {verb} framed across {groups}")
    }
}

/// The table of contents, with one entry per story.
fn contents(html: &mut String, report: &Report) {
    html.push_str(
        "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">Contents</h2>\n<ol>\n\
         <li><a href=\"#overview\">Overview: the measures by group</a></li>\n\
         <li><a href=\"#profile\">Attribution profile</a></li>\n\
         <li><a href=\"#legend\">What the measures mean</a></li>\n\
         <li><a href=\"#summary\">Every article at a glance</a></li>\n\
         <li><a href=\"#side-by-side\">Same story, side by side</a>\n<ol>\n",
    );
    for (i, story) in report.stories.iter().enumerate() {
        let _ = writeln!(
            html,
            "<li><a href=\"#story-{}\">{}</a></li>",
            i + 1,
            escape(&story_title(story))
        );
    }
    html.push_str(
        "</ol></li>\n<li><a href=\"#articles\">The articles, highlighted</a></li>\n</ol>\n</nav>\n",
    );
}

/// A story's name with its label, when it has one.
fn story_title(story: &Story) -> String {
    if story.label.is_empty() || story.label == story.name {
        story.name.clone()
    } else {
        format!("{}: {}", story.name, story.label)
    }
}

/// The value and interval of a metric for a group.
fn estimate(g: &GroupSummary, metric: Metric) -> (Option<f64>, Option<(f64, f64)>) {
    g.estimate(metric)
        .map_or((None, None), |e| (e.value, e.interval))
}

/// One bar of a chart.
struct BarRow<'a> {
    label: &'a str,
    /// A warning shown beside the label (small groups).
    note: &'a str,
    value: Option<f64>,
    interval: Option<(f64, f64)>,
}

/// The top of a chart's scale and its number of steps: round steps of 1, 2,
/// 2.5 or 5 times a power of ten, at most five of them.
fn scale(max: f64) -> (f64, usize) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let magnitude = 10f64.powf((max / 5.0).log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0, 20.0] {
        let step = m * magnitude;
        let steps = (max / step - 1e-9).ceil().max(1.0);
        if steps <= 5.0 {
            return (step * steps, steps as usize);
        }
    }
    (max, 1)
}

/// A number on a scale, without needless decimals.
fn tick_label(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A horizontal bar chart drawn with HTML: labels wrap instead of being cut,
/// the scale below has round ticks, and the whisker is the 95% interval.
fn bar_chart(
    html: &mut String,
    (id, class): (&str, &str),
    caption: &str,
    unit: &str,
    rows: &[BarRow],
) {
    let id = escape(id);
    let max = rows
        .iter()
        .flat_map(|r| [r.value.unwrap_or(0.0), r.interval.map_or(0.0, |i| i.1)])
        .fold(0.0f64, f64::max);
    let (top, steps) = scale(max);
    let percent = |v: f64| (100.0 * v / top).clamp(0.0, 100.0);
    let _ = writeln!(
        html,
        "<figure class=\"chart\" id=\"chart-{id}\"><figcaption><span class=\"swatch {class}\"></span>{} \
         <span class=\"unit\">{}</span></figcaption>\n<div class=\"bars\" style=\"--steps: {steps}\">",
        escape(caption),
        escape(unit)
    );
    for row in rows {
        let v = row.value.unwrap_or(0.0);
        let warn = if row.note.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"warning\" title=\"{}\">⚠</span>",
                escape(row.note)
            )
        };
        let whisker = row.interval.map_or(String::new(), |(low, high)| {
            format!(
                "<span class=\"ci\" style=\"left: {:.1}%; width: {:.1}%\" title=\"95% interval {low:.1} to {high:.1}\"></span>",
                percent(low),
                percent(high) - percent(low)
            )
        });
        let value = row.value.map_or("–".to_string(), |v| format!("{v:.1}"));
        let _ = writeln!(
            html,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}{warn}</span><span class=\"track\">\
             <span class=\"bar {class}\" style=\"width: {:.1}%\" data-value=\"{v:.3}\"></span>{whisker}</span>\
             <span class=\"value\">{value}</span></div>",
            escape(row.label),
            percent(v)
        );
    }
    html.push_str("<div class=\"bar-row scale\" aria-hidden=\"true\"><span class=\"bar-label\"></span><span class=\"track axis\">");
    for step in 0..=steps {
        let at = 100.0 * step as f64 / steps as f64;
        let _ = write!(
            html,
            "<span class=\"tick\" style=\"left: {at:.1}%\">{}</span>",
            tick_label(top * step as f64 / steps as f64)
        );
    }
    html.push_str("</span><span class=\"value\"></span></div>\n</div></figure>\n");
}

/// Bars per category with their intervals.
fn overview(html: &mut String, report: &Report) {
    html.push_str("<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">Overview: the measures by group</h2>\n");
    let _ = writeln!(
        html,
        "<p class=\"prose\">Matches per 1,000 words for each {}, with the 95% interval over the group's articles \
         (the thin line). A group's rate pools its words. ⚠ marks a small group: read it with care.{}</p>\n<div class=\"charts\">",
        escape(&words_of(report.group_field)),
        if report.lexicon.scored().any(|c| report.lexicon.is_graded(c)) {
            " A <em>weighted</em> chart counts each match by its word's strength, from 0 to 1 in the word list: \
             a word that is loaded in most of its uses counts fully, a word that often is not counts less."
        } else {
            ""
        }
    );
    let lexicon = report.lexicon;
    for c in lexicon.scored() {
        let name = lexicon.name(c);
        // A graded category has two charts, its headline figure first.
        let headline = Metric::headline(lexicon, c);
        let mut figures = vec![headline];
        if lexicon.is_graded(c) {
            figures.push(match headline {
                Metric::Weighted(_) => Metric::Rate(c, Scope::All),
                _ => Metric::Weighted(c),
            });
        }
        for metric in figures {
            let rows: Vec<BarRow> = report
                .groups
                .iter()
                .map(|g| {
                    let (value, interval) = estimate(g, metric);
                    BarRow {
                        label: &g.name,
                        note: &g.note,
                        value,
                        interval,
                    }
                })
                .collect();
            let (id, caption, unit) = match metric {
                Metric::Weighted(_) => (
                    format!("{name}-weighted"),
                    format!("{}, weighted", category_name(name)),
                    "strengths per 1,000 words",
                ),
                _ => (name.to_string(), category_name(name), "per 1,000 words"),
            };
            bar_chart(html, (&id, style_class(c, name)), &caption, unit, &rows);
        }
    }
    html.push_str("</div>\n</section>\n");
}

/// A category's name in the page (to be escaped: a lexicon folder names
/// its own).
fn category_name(category: &str) -> String {
    match category {
        "loaded" => "Loaded language".to_string(),
        other => title_case(other),
    }
}

/// A table cell that carries its column's name, shown beside it when the
/// table reflows into one block per row on a narrow screen.
fn cell(html: &mut String, label: &str, class: &str, content: &str) {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let _ = write!(
        html,
        "<td data-label=\"{}\"{class}>{content}</td>",
        escape(label)
    );
}

/// The attribution profile: sources and quotations per group.
fn profile(html: &mut String, report: &Report) {
    let group = title_case(&words_of(report.group_field));
    let columns = [
        "Articles",
        "Words",
        "Named sources",
        "Anonymous sources",
        "Anonymous share",
        "Words in quotes",
        "Scare quotes",
        "Note",
    ];
    let _ = write!(
        html,
        "<section id=\"profile\" aria-labelledby=\"profile-h\">\n<h2 id=\"profile-h\">Attribution profile</h2>\n\
         <table class=\"profile reflow\">\n<thead><tr><th scope=\"col\">{}</th>",
        escape(&group)
    );
    for column in columns {
        let _ = write!(html, "<th scope=\"col\">{column}</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for g in report.groups {
        let (anon_share, _) = estimate(g, Metric::AnonymousShare);
        let (quote_share, _) = estimate(g, Metric::QuoteShare);
        let note = if g.note.is_empty() {
            String::new()
        } else {
            format!("<span class=\"warning\">⚠ {}</span>", escape(&g.note))
        };
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape(&g.name));
        let values = [
            g.articles.to_string(),
            g.words.to_string(),
            g.totals.named_sources.to_string(),
            g.totals.anonymous_sources.to_string(),
            anon_share.map_or("–".to_string(), |v| format!("{:.0}%", v * 100.0)),
            quote_share.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0)),
            g.totals.scare_quotes.to_string(),
            note,
        ];
        for (column, value) in columns.iter().zip(&values) {
            cell(html, column, "", value);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

/// A sentence worth showing as an example: short enough to read at a glance.
const EXAMPLE_BYTES: usize = 240;

/// The sentence of `a` that holds `range`.
fn sentence_of(a: &ReportArticle, range: &Range<usize>) -> Option<Range<usize>> {
    a.sentences
        .iter()
        .find(|s| s.start <= range.start && range.end <= s.end)
        .cloned()
}

/// The first short sentence holding a highlight that `pick` accepts: the
/// article, the sentence, and the highlights to mark in it.
fn find_example<'a>(
    articles: &'a [ReportArticle],
    pick: impl Fn(&'a ReportArticle, usize) -> Option<Vec<&'a Highlight>>,
) -> Option<(usize, Range<usize>, Vec<&'a Highlight>)> {
    let mut fallback = None;
    for (i, a) in articles.iter().enumerate() {
        for h in 0..a.highlights.len() {
            let Some(marks) = pick(a, h) else { continue };
            let Some(sentence) = sentence_of(a, &a.highlights[h].range) else {
                continue;
            };
            if sentence.len() <= EXAMPLE_BYTES {
                return Some((i, sentence, marks));
            }
            fallback.get_or_insert((i, sentence, marks));
        }
    }
    fallback
}

/// The first highlight of another category inside highlight `h`; the
/// highlights are sorted by start.
fn nested_in(highlights: &[Highlight], h: usize) -> Option<&Highlight> {
    let outer = &highlights[h];
    // Only those starting within `outer` can nest in it: looking at all of
    // them made one long article's page quadratic.
    let from = highlights.partition_point(|i| i.range.start < outer.range.start);
    let to = highlights.partition_point(|i| i.range.start <= outer.range.end);
    highlights[from..to.max(from)].iter().find(|inner| {
        !std::ptr::eq(*inner, outer)
            && inner.category != outer.category
            && outer.range.start <= inner.range.start
            && inner.range.end <= outer.range.end
    })
}

/// An example sentence with its marks, and where it comes from.
fn example(
    html: &mut String,
    report: &Report,
    article: usize,
    sentence: Range<usize>,
    marks: &[&Highlight],
) {
    let a = &report.articles[article];
    html.push_str("<blockquote class=\"example\"><p>");
    marked(html, a, sentence, marks.iter().copied(), Marks::Copies);
    let _ = write!(
        html,
        "</p><footer>{}, <a href=\"#article-{}\">{}</a></footer></blockquote>",
        escape(&a.group),
        article + 1,
        escape(title_of(a))
    );
}

/// The legend: each measure in plain words, an example sentence from the
/// texts, its limits, and what a box round a word means.
fn legend(html: &mut String, report: &Report) {
    html.push_str("<section id=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">What the measures mean</h2>\n<dl class=\"prose\">\n");
    let lexicon = report.lexicon;
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
        let _ = write!(
            html,
            "<dt><span class=\"swatch {}\"></span>{}</dt><dd><p>{}</p>",
            style_class(c, category),
            escape(&category_name(category)),
            escape(meaning),
        );
        let found = find_example(report.articles, |a, h| {
            let h = &a.highlights[h];
            (h.category == category && h.voice == Voice::Author).then(|| vec![h])
        });
        if let Some((article, sentence, marks)) = found {
            html.push_str("<p>For example:</p>");
            example(html, report, article, sentence, &marks);
        }
        let _ = writeln!(html, "<p><em>Limits:</em> {}</p></dd>", escape(limit));
    }
    // Two categories can match the same words ("reportedly" both hedges and
    // attributes): the inner mark is boxed, and the legend says so.
    let nested = find_example(report.articles, |a, h| {
        let outer = &a.highlights[h];
        nested_in(&a.highlights, h).map(|inner| vec![outer, inner])
    });
    html.push_str("<dt><span class=\"boxed\">Boxed</span> words</dt><dd><p>A word drawn in a box is matched by two categories at once: \
                   it counts in both, and its colour is that of the inner one.");
    match nested {
        Some((article, sentence, marks)) => {
            let _ = write!(
                html,
                " Here <q>{}</q> counts both as {} and as {}; hover over or tap it to see each.</p>",
                escape(&report.articles[article].text[marks[1].range.clone()]),
                escape(&category_name(&marks[0].category).to_lowercase()),
                escape(&category_name(&marks[1].category).to_lowercase())
            );
            example(html, report, article, sentence, &marks);
        }
        None => html.push_str(" No word of these articles is matched twice.</p>"),
    }
    html.push_str("</dd>\n");
    html.push_str(
        "<dt>Quotations</dt><dd><p><span class=\"quote direct\">Direct quotes</span> are the source's words: \
         matches inside them are counted in the quoted voice, apart from the outlet's own. \
         <span class=\"quote scare\">Scare quotes</span> (four words or fewer, nobody said to have spoken them) \
         stay in the author's voice: the writer keeps a word at arm's length.</p></dd>\n</dl>\n</section>\n",
    );
}

/// An article's title, or its id when it has none.
fn title_of(a: &ReportArticle) -> &str {
    if a.meta.title.is_empty() {
        &a.id
    } else {
        &a.meta.title
    }
}

/// The articles in the order the page lists them: story by story, each in
/// the order given.
fn page_order(report: &Report) -> Vec<usize> {
    let rank: BTreeMap<&str, usize> = report
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let mut order: Vec<usize> = (0..report.articles.len()).collect();
    order.sort_by_key(|&i| (rank.get(report.articles[i].story.as_str()).copied(), i));
    order
}

/// An article's matches of `category` per 1,000 words.
fn rate(s: &ArticleScore, category: Category) -> f64 {
    Metric::Rate(category, Scope::All)
        .pooled(std::slice::from_ref(s))
        .unwrap_or(0.0)
}

/// One row per article, linking to it, with its figures.
fn summary(html: &mut String, report: &Report) {
    let group = title_case(&words_of(report.group_field));
    let story = report.story_field.map(|f| title_case(&words_of(f)));
    let _ = write!(
        html,
        "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Every article at a glance</h2>\n\
         <p class=\"prose\">Matches per 1,000 words. The title leads to the article, highlighted.</p>\n\
         <table class=\"summary reflow\">\n<thead><tr><th scope=\"col\">Article</th><th scope=\"col\">{}</th>",
        escape(&group)
    );
    if let Some(story) = &story {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(story));
    }
    html.push_str("<th scope=\"col\">Date</th><th scope=\"col\" class=\"num\">Words</th>");
    let lexicon = report.lexicon;
    for c in lexicon.scored() {
        let _ = write!(
            html,
            "<th scope=\"col\" class=\"num\">{}</th>",
            escape(&title_case(lexicon.name(c)))
        );
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let story_number: BTreeMap<&str, usize> = report
        .stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i + 1))
        .collect();
    for i in page_order(report) {
        let a = &report.articles[i];
        let _ = write!(
            html,
            "<tr><th scope=\"row\"><a href=\"#article-{}\">{}</a></th>",
            i + 1,
            escape(title_of(a))
        );
        cell(html, &group, "", &escape(&a.group));
        if let Some(story) = &story {
            let link = match story_number.get(a.story.as_str()) {
                Some(n) => format!("<a href=\"#story-{n}\">{}</a>", escape(&a.story)),
                None => escape(&a.story),
            };
            cell(html, story, "", &link);
        }
        cell(
            html,
            "Date",
            "date",
            &escape(if a.meta.date.is_empty() {
                "–"
            } else {
                &a.meta.date
            }),
        );
        cell(html, "Words", "num", &a.score.words.to_string());
        for c in lexicon.scored() {
            cell(
                html,
                &title_case(lexicon.name(c)),
                "num",
                &format!("{:.1}", rate(&a.score, c)),
            );
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

/// Each story side by side: one column per group, one row per fact told by
/// two groups or more, then the facts only one group tells.
fn side_by_side(html: &mut String, report: &Report) {
    let group_word = words_of(report.group_field);
    let _ = writeln!(
        html,
        "<section id=\"side-by-side\" aria-labelledby=\"side-by-side-h\">\n<h2 id=\"side-by-side-h\">Same story, side by side</h2>\n\
         <p class=\"prose\">Each row is one fact, in the words of each {group} that reports it: sentences of different \
         {groups} paired because they share their content words, names and numbers. A blank cell means that this {group} \
         did not tell that fact. Below the rows come the facts that only one {group} tells: what each {group} leaves \
         in or out frames a story as much as its words do.</p>",
        group = escape(&group_word),
        groups = escape(&plural(&group_word)),
    );
    for (number, story) in report.stories.iter().enumerate() {
        story_section(html, report, number + 1, story);
    }
    html.push_str("</section>\n");
}

/// The most groups shown in columns side by side.
const MAX_COLUMNS: usize = 5;

/// The side-by-side section of one story.
fn story_section(html: &mut String, report: &Report, number: usize, story: &Story) {
    let articles: Vec<usize> = (0..report.articles.len())
        .filter(|&i| report.articles[i].story == story.name)
        .collect();
    let columns: Vec<&str> = report
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .filter(|g| articles.iter().any(|&i| report.articles[i].group == *g))
        .collect();
    let absent: Vec<&str> = report
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .filter(|g| !columns.contains(g))
        .collect();
    let group_word = words_of(report.group_field);
    let _ = write!(
        html,
        "<section class=\"story\" id=\"story-{number}\" aria-labelledby=\"story-{number}-h\">\n\
         <h3 id=\"story-{number}-h\">{}</h3>\n<p class=\"story-meta\">{}",
        escape(&story_title(story)),
        count(articles.len(), "article"),
    );
    // Groups of one article each (--by id) need no second count.
    if report.group_field != "id" {
        let _ = write!(html, " from {}", count(columns.len(), &group_word));
        if absent.len() > MAX_COLUMNS {
            let _ = write!(
                html,
                "; {} do not cover it",
                count(absent.len(), &format!("other {group_word}"))
            );
        } else if !absent.is_empty() {
            let names: Vec<String> = absent.iter().map(|g| escape(g)).collect();
            let _ = write!(html, "; not covered by {}", names.join(", "));
        }
    }
    html.push_str(".</p>\n");
    let column_of = |t: &SentenceRef| {
        let group = &report.articles[t.article].group;
        columns.iter().position(|c| c == group)
    };
    let (shared, own): (Vec<&Fact>, Vec<&Fact>) = story.facts.iter().partition(|f| {
        let mut seen: Vec<usize> = f.tellings.iter().filter_map(column_of).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len() > 1
    });
    // More columns than a projector can show side by side are stacked, as
    // on a phone, each sentence under its group's name.
    let stacked = if columns.len() > MAX_COLUMNS {
        " stacked"
    } else {
        ""
    };
    let grid = |html: &mut String, class: &str| {
        let _ = write!(
            html,
            "<div class=\"{class}{stacked}\" role=\"table\" style=\"--columns: {}\">\n<div class=\"fact head\" role=\"row\">",
            columns.len().max(1)
        );
        for c in &columns {
            let _ = write!(
                html,
                "<div class=\"cell\" role=\"columnheader\">{}</div>",
                escape(c)
            );
        }
        html.push_str("</div>\n");
    };
    let cell_of = |html: &mut String, column: &str, tellings: &[&SentenceRef]| {
        let empty = if tellings.is_empty() { " empty" } else { "" };
        let _ = write!(
            html,
            "<div class=\"cell{empty}\" role=\"cell\"><span class=\"cell-group\">{}</span>",
            escape(column)
        );
        if tellings.is_empty() {
            html.push_str("<span class=\"untold\">not told</span>");
        }
        for t in tellings {
            sentence_cell(html, report, t);
        }
        html.push_str("</div>");
    };
    if !story.note.is_empty() {
        let _ = writeln!(html, "<p class=\"prose\">{}</p>", escape(&story.note));
    } else if columns.len() < 2 {
        let _ = writeln!(
            html,
            "<p class=\"prose\">Only one {} covers this story: there is nothing to set side by side.</p>",
            escape(&group_word)
        );
    } else if shared.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"prose\">No fact of this story is told by two {} in sentences alike enough to pair.</p>",
            escape(&plural(&group_word))
        );
    } else {
        let _ = writeln!(
            html,
            "<h4>Told by more than one {}</h4>",
            escape(&group_word)
        );
        grid(html, "facts");
        for fact in &shared {
            html.push_str("<div class=\"fact\" role=\"row\">");
            for (c, column) in columns.iter().enumerate() {
                let mut tellings: Vec<&SentenceRef> = fact
                    .tellings
                    .iter()
                    .filter(|t| column_of(t) == Some(c))
                    .collect();
                tellings.sort();
                cell_of(html, column, &tellings);
            }
            html.push_str("</div>\n");
        }
        html.push_str("</div>\n");
    }
    if !own.is_empty() && columns.len() > 1 {
        let _ = writeln!(html, "<h4>Told by one {} only</h4>", escape(&group_word));
        grid(html, "facts own");
        html.push_str("<div class=\"fact\" role=\"row\">");
        for (c, column) in columns.iter().enumerate() {
            let mut tellings: Vec<&SentenceRef> = own
                .iter()
                .flat_map(|f| f.tellings.iter())
                .filter(|t| column_of(t) == Some(c))
                .collect();
            tellings.sort();
            cell_of(html, column, &tellings);
        }
        html.push_str("</div>\n</div>\n");
    }
    html.push_str("</section>\n");
}

/// One sentence in a side-by-side cell, marked, with a link to its article.
fn sentence_cell(html: &mut String, report: &Report, t: &SentenceRef) {
    let a = &report.articles[t.article];
    let Some(range) = a.sentences.get(t.sentence).cloned() else {
        return;
    };
    let (from, to) = (range.start, range.end);
    let marks = a
        .highlights
        .iter()
        .filter(move |h| from <= h.range.start && h.range.end <= to);
    html.push_str("<p class=\"told\">");
    marked(html, a, range, marks, Marks::Copies);
    let when = if a.meta.date.is_empty() {
        String::new()
    } else {
        format!("{}, ", escape(&a.meta.date))
    };
    let _ = write!(
        html,
        " <a class=\"source\" href=\"#article-{}\" title=\"{}\">{when}sentence {}</a></p>",
        t.article + 1,
        escape(title_of(a)),
        t.sentence + 1
    );
}

/// Every article, story by story, with its matches highlighted.
fn articles(html: &mut String, report: &Report) {
    html.push_str("<section id=\"articles\" aria-labelledby=\"articles-h\">\n<h2 id=\"articles-h\">The articles, highlighted</h2>\n");
    for i in page_order(report) {
        render_article(html, report, i);
    }
    html.push_str("</section>\n");
}

fn render_article(html: &mut String, report: &Report, index: usize) {
    let a = &report.articles[index];
    let s = &a.score;
    let story = match report.story_field {
        Some(field) => format!(
            " · {}: {}",
            escape(&title_case(&words_of(field))),
            escape(&a.story)
        ),
        None => String::new(),
    };
    let _ = write!(
        html,
        "<article id=\"article-{}\">\n<h3>{}</h3>\n<p class=\"meta\">{}: {}{story} · {} · {} words · {} per 1,000 words · <a href=\"#summary\">back to the list</a></p>\n<div class=\"body\">\n<p>",
        index + 1,
        escape(title_of(a)),
        escape(&title_case(&words_of(report.group_field))),
        escape(&a.group),
        escape(if a.meta.date.is_empty() {
            "undated"
        } else {
            &a.meta.date
        }),
        s.words,
        report
            .lexicon
            .scored()
            .map(|c| format!("{} {:.1}", escape(report.lexicon.name(c)), rate(s, c)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    marked(
        html,
        a,
        a.body..a.text.len(),
        a.highlights.iter(),
        Marks::Counted,
    );
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
    let columns = ["Counted as", "Words as printed", "Why", "Cue", "Words"];
    let _ = write!(
        html,
        "<details class=\"sources\">\n<summary>Sources and quotations: {} named, {} anonymous, \
         {} scare quotes; {:.0}% of the words in direct quotes</summary>\n<table class=\"profile reflow\">\n<thead><tr>",
        s.named_sources,
        s.anonymous_sources,
        s.scare_quotes,
        Metric::QuoteShare
            .pooled(std::slice::from_ref(s))
            .unwrap_or(0.0)
            * 100.0,
    );
    for column in columns {
        let _ = write!(html, "<th scope=\"col\">{column}</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &a.quote_rows {
        html.push_str("<tr>");
        let values = [
            row.category.replace('_', " "),
            escape(&shorten(&row.matched, 120)),
            escape(&row.reason),
            escape(&row.cue),
            row.words.to_string(),
        ];
        for (column, value) in columns.iter().zip(&values) {
            cell(html, column, "", value);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</details>\n");
}

/// At most `max` characters of `s`, an ellipsis marking a cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).chain(['…']).collect()
    }
}

/// An element to open over a byte range of the text.
struct Span {
    range: Range<usize>,
    open: String,
    close: &'static str,
}

/// Whether marks are the counted ones (one per match, in the articles) or
/// copies shown elsewhere on the page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    Counted,
    Copies,
}

/// The text of `a` in `range`, with quotations set off and `highlights`
/// marked, one `<mark>` each. The articles' bodies keep their paragraphs;
/// a sentence shown elsewhere is one line.
fn marked<'a>(
    html: &mut String,
    a: &ReportArticle,
    range: Range<usize>,
    highlights: impl Iterator<Item = &'a Highlight>,
    marks: Marks,
) {
    let clip = |r: &Range<usize>| r.start.max(range.start)..r.end.min(range.end);
    let mut spans: Vec<Span> = Vec::new();
    for (quote, kind) in &a.quotes {
        let clipped = clip(quote);
        if clipped.start >= clipped.end {
            continue;
        }
        let class = match kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Scare => "scare",
        };
        spans.push(Span {
            range: clipped,
            open: format!("<span class=\"quote {class}\">"),
            close: "</span>",
        });
    }
    for h in highlights {
        let clipped = clip(&h.range);
        if clipped.start >= clipped.end {
            continue;
        }
        let voice = match h.voice {
            Voice::Author => "author's voice",
            Voice::Quoted => "quoted voice",
        };
        let strength = h
            .strength
            .map_or(String::new(), |s| format!(" · strength {}", tick_label(s)));
        let tip = format!("{} · entry: {}{strength} · {voice}", h.category, h.entry);
        let open = match marks {
            Marks::Counted => format!(
                "<mark data-category=\"{}\" data-entry=\"{}\" data-voice=\"{}\" data-tip=\"{}\" tabindex=\"0\">",
                escape(&h.category),
                escape(&h.entry),
                h.voice.as_str(),
                escape(&tip)
            ),
            Marks::Copies => format!(
                "<mark data-sample=\"{}\" data-tip=\"{}\" tabindex=\"0\">",
                escape(&h.category),
                escape(&tip)
            ),
        };
        spans.push(Span {
            range: clipped,
            open,
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
    let breaks = |top: bool| match (marks, top) {
        (Marks::Copies, _) => Breaks::Space,
        (Marks::Counted, true) => Breaks::Paragraph,
        (Marks::Counted, false) => Breaks::Line,
    };
    let mut cursor = range.start;
    let mut open: Vec<(usize, &'static str)> = Vec::new();
    for span in &spans {
        while let Some(&(end, close)) = open.last() {
            if end > span.range.start {
                break;
            }
            text(html, &a.text[cursor..end], breaks(open.is_empty()));
            html.push_str(close);
            cursor = end;
            open.pop();
        }
        let start = span.range.start.max(cursor);
        text(html, &a.text[cursor..start], breaks(open.is_empty()));
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
        text(html, &a.text[cursor..end], breaks(false));
        html.push_str(close);
        cursor = end;
    }
    text(html, &a.text[cursor..range.end], breaks(true));
}

/// What a line break in the text becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// A new paragraph (at the top level of an article's body).
    Paragraph,
    /// A line break (inside a quotation or a mark).
    Line,
    /// A space (in a sentence shown on its own).
    Space,
}

/// Escaped text, its line breaks turned into `breaks`.
fn text(html: &mut String, text: &str, breaks: Breaks) {
    let mut lines = text.split(['\n', '\r']).peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            // Runs of line breaks give empty pieces: one break per run.
            if !line.is_empty() || lines.peek().is_none() {
                html.push_str(match breaks {
                    Breaks::Paragraph => "</p>\n<p>",
                    Breaks::Line => "<br>",
                    Breaks::Space => " ",
                });
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

const STYLE: &str = r#":root { --ink: #1b1b1b; --muted: #4a4a4a; --paper: #ffffff; --rule: #bbbbbb;
  --loaded: #fbd5d5; --loaded-line: #a4161a; --hedging: #d4e4fa; --hedging-line: #1d4e89;
  --boosters: #fde8c8; --boosters-line: #9a4a00; --attribution: #d5f0dc; --attribution-line: #1e6b34;
  --custom: #e4e4e4; --custom-line: #333333; }
* { box-sizing: border-box; }
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: var(--paper); margin: 0;
  overflow-wrap: break-word; }
header, main, footer { max-width: 76rem; margin: 0 auto; padding: 0 1.2rem; }
header p, .prose, .toc, article { max-width: 48rem; }
h1, h2, h3, h4, nav, table, figcaption { font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin-top: 1.5rem; }
h2 { margin-top: 2.5rem; }
a { color: #0b4f8a; }
.toc ol { margin: .3rem 0; padding-left: 1.4rem; }
.toc li { margin: .15rem 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(28rem, 100%), 1fr)); gap: 1.2rem 2rem; }
figure.chart { margin: 0; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
.unit { font-weight: 400; color: var(--muted); font-size: .9em; }
.bars { font: 13px/1.3 system-ui, Arial, sans-serif; }
.bar-row { display: grid; grid-template-columns: minmax(5rem, 11rem) minmax(0, 1fr) 3rem; gap: .5rem; align-items: center; margin: .3rem 0; }
.bar-label { text-align: right; overflow-wrap: anywhere; }
.track { position: relative; height: 1.1rem; border-left: 1px solid var(--ink); border-right: 1px solid var(--rule);
  background-image: linear-gradient(to right, var(--rule) 1px, transparent 1px); background-size: calc(100% / var(--steps)) 100%;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar { position: absolute; left: 0; top: .15rem; bottom: .15rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar.loaded { background: var(--loaded-line); } .bar.hedging { background: var(--hedging-line); }
.bar.boosters { background: var(--boosters-line); } .bar.attribution { background: var(--attribution-line); }
.bar.custom { background: var(--custom-line); }
.ci { position: absolute; top: calc(50% - 1px); height: 2px; background: var(--ink); min-width: 1px; }
.ci::before, .ci::after { content: ""; position: absolute; top: -4px; height: 10px; width: 2px; background: var(--ink); }
.ci::before { left: 0; } .ci::after { right: 0; }
.value { font-variant-numeric: tabular-nums; }
.bar-row.scale { margin-top: 0; }
.track.axis { height: 1.2rem; background: none; border: none; border-top: 1px solid var(--ink); }
.tick { position: absolute; top: 0; transform: translateX(-50%); color: var(--muted); font-size: 12px; }
.tick:first-child { transform: none; } .tick:last-child { transform: translateX(-100%); }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .4em; vertical-align: -.1em; border: 1px solid var(--ink); }
.swatch.loaded { background: var(--loaded); border-bottom: 3px solid var(--loaded-line); }
.swatch.hedging { background: var(--hedging); border-bottom: 3px dashed var(--hedging-line); }
.swatch.boosters { background: var(--boosters); border-bottom: 3px double var(--boosters-line); }
.swatch.attribution { background: var(--attribution); border-bottom: 3px dotted var(--attribution-line); }
.swatch.custom { background: var(--custom); border-bottom: 3px solid var(--custom-line); }
table { border-collapse: collapse; font-size: 14px; width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .4rem; text-align: left; vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
th.num, td.num { text-align: right; }
table.summary th[scope="row"] { font-weight: 400; }
.warning { color: #7a2e00; font-weight: 600; }
dl dt { font-weight: 700; margin-top: 1rem; font-family: system-ui, Arial, sans-serif; }
dl dd { margin-left: 1.2rem; }
dd p { margin: .3rem 0; }
blockquote.example { margin: .4rem 0 .6rem; padding: .3rem .8rem; border-left: 4px solid var(--rule); background: #fafafa; }
blockquote.example p { margin: 0; }
blockquote.example footer { font: 13px system-ui, Arial, sans-serif; color: var(--muted); padding: 0; margin: .2rem 0 0; }
.boxed { outline: 2px solid var(--ink); outline-offset: 1px; padding: 0 .15em; }
.story { margin-top: 2rem; }
.story h3 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.story-meta { color: var(--muted); font: 14px system-ui, Arial, sans-serif; }
.facts { display: grid; gap: 0; border-top: 1px solid var(--rule); }
.fact { display: grid; grid-template-columns: repeat(var(--columns), minmax(0, 1fr)); gap: 0 1rem; border-bottom: 1px solid var(--rule); padding: .5rem 0; break-inside: avoid; }
.fact.head { font: 600 15px/1.3 system-ui, Arial, sans-serif; border-bottom: 2px solid var(--ink); }
.fact .cell { min-width: 0; overflow-wrap: anywhere; }
.cell-group { display: none; font: 600 13px system-ui, Arial, sans-serif; color: var(--muted); }
.untold { color: #8a8a8a; font: italic 13px system-ui, Arial, sans-serif; visibility: hidden; }
.told { margin: 0 0 .4rem; line-height: 1.5; }
.source { font: 12px system-ui, Arial, sans-serif; color: var(--muted); display: inline-block; }
.facts.own .cell .told { border-left: 3px solid var(--rule); padding-left: .5rem; }
.facts.stacked .fact { grid-template-columns: minmax(0, 1fr); border-bottom: 2px solid var(--ink); }
.facts.stacked .fact.head { display: none; }
.facts.stacked .cell-group { display: block; }
.facts.stacked .fact .cell { padding: .2rem 0; }
.facts.stacked .untold { visibility: visible; }
.facts.stacked .cell.empty { display: none; }
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
  white-space: normal; width: max-content; max-width: min(18rem, 80vw); background: var(--ink); color: #fff; font: 13px system-ui, Arial, sans-serif; padding: .2rem .45rem; border-radius: 3px; }
mark mark { outline: 2px solid var(--ink); outline-offset: 1px; }
footer { color: var(--muted); font-size: .9rem; margin-bottom: 2rem; }
@media (max-width: 40rem) {
  body { font-size: 16px; }
  header, main, footer { padding: 0 .8rem; }
  .bar-row { grid-template-columns: minmax(0, 1fr) 2.6rem; gap: .1rem .4rem; }
  .bar-label { grid-column: 1 / -1; text-align: left; }
  .bar-row.scale .bar-label { display: none; }
  table.reflow thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.reflow, table.reflow tbody, table.reflow tr, table.reflow th, table.reflow td { display: block; width: auto; }
  table.reflow tr { border-bottom: 2px solid var(--ink); padding: .3rem 0; }
  table.reflow th[scope="row"] { border: none; font-weight: 700; }
  table.reflow td { display: grid; grid-template-columns: minmax(0, 11rem) minmax(0, 1fr); gap: .5rem; border: none; padding: .05rem .4rem; }
  table.reflow td::before { content: attr(data-label); color: var(--muted); }
  table.reflow td.num { text-align: left; }
  table.summary.reflow td { display: inline-block; padding: 0 .7rem 0 .4rem; }
  table.summary.reflow td::before { content: attr(data-label) ": "; }
  table.reflow td:empty { display: none; }
  .fact, .fact.head { grid-template-columns: minmax(0, 1fr); }
  .fact.head { display: none; }
  .cell-group { display: block; }
  .fact .cell { padding: .2rem 0; }
  .fact { border-bottom: 2px solid var(--ink); }
  .untold { visibility: visible; }
  .facts.own .cell.empty { display: none; }
}
@page { margin: 15mm; }
@media print {
  body { font-size: 11pt; }
  .charts { grid-template-columns: 1fr 1fr; }
  .toc { break-after: page; }
  #side-by-side, #articles { break-before: page; }
  article { border-top: none; }
  article + article { break-before: page; }
  figure.chart, tr, .story h3 { break-inside: avoid; }
  .story h3 { break-after: avoid; }
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
                    strength: None,
                })
                .collect(),
            quotes,
            quote_rows: Vec::new(),
            story: String::new(),
            sentences: Vec::new(),
        }
    }

    fn body_of(a: &ReportArticle) -> String {
        let mut html = String::new();
        marked(
            &mut html,
            a,
            a.body..a.text.len(),
            a.highlights.iter(),
            Marks::Counted,
        );
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

    fn summary(name: &str) -> GroupSummary {
        crate::compare::summarize(
            name,
            &[ArticleScore::default()],
            &crate::metrics::Metric::compared(&crate::lexicon::Lexicon::builtin().unwrap()),
            10,
            1,
        )
    }

    fn heading_for(groups: usize, field: &str, stories: Option<usize>) -> String {
        let groups: Vec<GroupSummary> = (0..groups).map(|i| summary(&i.to_string())).collect();
        let with_stories = stories.is_some();
        let stories: Vec<Story> = (0..stories.unwrap_or(1))
            .map(|i| Story {
                name: i.to_string(),
                label: String::new(),
                facts: Vec::new(),
                note: String::new(),
            })
            .collect();
        let articles = vec![article("x", vec![], vec![]); 7];
        heading(&Report {
            articles: &articles,
            groups: &groups,
            group_field: field,
            story_field: with_stories.then_some("event"),
            stories: &stories,
            lexicon: &Lexicon::builtin().unwrap(),
        })
    }

    #[test]
    fn the_heading_is_right_in_number_for_any_field() {
        assert_eq!(
            heading_for(4, "outlet", Some(5)),
            "How 4 outlets frame 5 stories"
        );
        assert_eq!(
            heading_for(1, "outlet", Some(1)),
            "How 1 outlet frames the story"
        );
        assert_eq!(
            heading_for(3, "category", Some(2)),
            "How 2 stories are framed across 3 categories"
        );
        assert_eq!(
            heading_for(2, "source_type", Some(1)),
            "How the story is framed across 2 source types"
        );
        assert_eq!(
            heading_for(2, "Publisher", Some(3)),
            "How 2 publishers frame 3 stories"
        );
        assert_eq!(
            heading_for(7, "id", Some(2)),
            "How 7 articles frame 2 stories"
        );
        assert_eq!(
            heading_for(2, "class", Some(2)),
            "How 2 stories are framed across 2 classes"
        );
        assert_eq!(
            heading_for(2, "day", Some(2)),
            "How 2 stories are framed across 2 days"
        );
        assert_eq!(
            heading_for(3, "outlet", None),
            "How 3 outlets frame their 7 articles"
        );
        assert_eq!(
            heading_for(3, "date", None),
            "How 7 articles are framed across 3 dates"
        );
    }

    #[test]
    fn scales_end_on_a_round_number_in_five_steps_at_most() {
        assert_eq!(scale(0.0), (1.0, 5));
        assert_eq!(scale(7.6), (8.0, 4));
        assert_eq!(scale(89.7), (100.0, 5));
        assert_eq!(scale(41.4), (50.0, 5));
        assert_eq!(scale(10.0), (10.0, 5));
        assert_eq!(scale(0.37), (0.4, 4));
        for max in [0.013, 0.9, 3.3, 12.5, 66.0, 121.2, 999.0, 12_345.0] {
            let (top, steps) = scale(max);
            assert!(top >= max && top < 2.5 * max + 1e-9, "{max}: {top}");
            assert!((1..=5).contains(&steps), "{max}: {steps}");
        }
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(20.0), "20");
    }

    #[test]
    fn a_fact_is_a_row_with_one_column_per_group_and_lone_facts_apart() {
        let text = "Ships waited. Talks resumed.";
        let mut a = article(text, vec![(6..12, "hedging")], vec![]);
        a.sentences = vec![0..13, 14..28];
        a.story = "s".into();
        let mut b = a.clone();
        b.group = "H".into();
        let mut c = a.clone();
        c.group = "<I>".into();
        let articles = vec![a, b, c];
        let groups: Vec<GroupSummary> = ["G", "H", "<I>"].iter().map(|g| summary(g)).collect();
        let at = |article, sentence| SentenceRef { article, sentence };
        let stories = vec![Story {
            name: "s".into(),
            label: "ships".into(),
            facts: vec![
                Fact {
                    tellings: vec![at(0, 0), at(1, 0)],
                },
                Fact {
                    tellings: vec![at(2, 1)],
                },
            ],
            note: String::new(),
        }];
        let report = Report {
            articles: &articles,
            groups: &groups,
            group_field: "outlet",
            story_field: Some("event"),
            stories: &stories,
            lexicon: &Lexicon::builtin().unwrap(),
        };
        let mut html = String::new();
        story_section(&mut html, &report, 1, &stories[0]);
        assert!(
            html.contains("<h3 id=\"story-1-h\">s: ships</h3>"),
            "{html}"
        );
        assert_eq!(html.matches("<div class=\"fact\" role=\"row\">").count(), 2);
        assert_eq!(html.matches("role=\"columnheader\"").count(), 2 * 3);
        // The shared fact: G and H tell it, <I> does not.
        let shared = &html[..html.find("Told by one outlet only").unwrap()];
        assert_eq!(shared.matches("<mark data-sample=\"hedging\"").count(), 2);
        assert_eq!(shared.matches("class=\"cell empty\"").count(), 1);
        assert!(shared.contains("&lt;I&gt;") && !shared.contains("<I>"));
        // The lone fact is listed apart, under its group only.
        let lone = &html[html.find("Told by one outlet only").unwrap()..];
        assert!(
            lone.contains("Talks resumed. <a class=\"source\" href=\"#article-3\""),
            "{lone}"
        );
        assert_eq!(lone.matches("class=\"cell empty\"").count(), 2);
        assert_eq!(
            html.matches("<mark data-category").count(),
            0,
            "copies are not counted marks"
        );
    }

    #[test]
    fn many_groups_are_stacked_instead_of_squeezed_into_columns() {
        let names = ["A", "B", "C", "D", "E", "F"];
        let articles: Vec<ReportArticle> = names
            .iter()
            .map(|g| {
                let mut a = article("Ships waited.", vec![], vec![]);
                a.group = g.to_string();
                a.sentences = std::iter::once(0..13).collect();
                a
            })
            .collect();
        let groups: Vec<GroupSummary> = names.iter().map(|g| summary(g)).collect();
        let fact = |n: usize| Fact {
            tellings: (0..n)
                .map(|article| SentenceRef {
                    article,
                    sentence: 0,
                })
                .collect(),
        };
        let story = Story {
            name: String::new(),
            label: String::new(),
            facts: vec![fact(2)],
            note: String::new(),
        };
        let render_with = |n: usize| {
            let report = Report {
                articles: &articles[..n],
                groups: &groups[..n],
                group_field: "outlet",
                story_field: None,
                stories: &[],
                lexicon: &Lexicon::builtin().unwrap(),
            };
            let mut html = String::new();
            story_section(&mut html, &report, 1, &story);
            html
        };
        assert!(
            render_with(5).contains("<div class=\"facts\" role=\"table\" style=\"--columns: 5\">")
        );
        assert!(render_with(6).contains("<div class=\"facts stacked\" role=\"table\""));
    }

    #[test]
    fn plurals_and_field_names_read_as_words() {
        assert_eq!(plural("story"), "stories");
        assert_eq!(plural("outlet"), "outlets");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("bias"), "biases");
        assert_eq!(plural("source type"), "source types");
        assert_eq!(words_of("source_type"), "source type");
        assert_eq!(words_of("id"), "article");
        assert_eq!(count(1, "story"), "1 story");
    }

    #[test]
    fn the_group_field_is_escaped_everywhere() {
        let html = render(&Report {
            articles: &[],
            groups: &[],
            group_field: "x</title><script>",
            story_field: Some("<script>"),
            stories: &[],
            lexicon: &Lexicon::builtin().unwrap(),
        });
        assert!(!html.contains("<script>"), "{html}");
    }

    /// A page of one article, `a`, in one story.
    fn page_of(a: &ReportArticle) -> String {
        let mut html = String::new();
        let articles = [a.clone()];
        let report = Report {
            articles: &articles,
            groups: &[],
            group_field: "outlet",
            story_field: None,
            stories: &[],
            lexicon: &Lexicon::builtin().unwrap(),
        };
        render_article(&mut html, &report, 0);
        html
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
        let html = page_of(&a);
        assert!(html.contains("<summary>Sources and quotations: 1 named, 0 anonymous"));
        assert!(html.contains(
            "<tr><td data-label=\"Counted as\">named sources</td><td data-label=\"Words as printed\">Ana &lt;Ruiz&gt;</td>"
        ), "{html}");
        assert!(!page_of(&article("x", vec![], vec![])).contains("<details"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<script>\"x\" & 'y'"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }

    proptest::proptest! {
        /// The look-up of a nested highlight finds what a scan of every
        /// highlight finds.
        #[test]
        fn nested_highlights_are_found_as_a_full_scan_finds_them(
            spans in proptest::collection::vec((0usize..40, 0usize..6, 0usize..3), 0..30),
        ) {
            let mut highlights: Vec<Highlight> = spans
                .iter()
                .map(|&(start, len, c)| Highlight {
                    range: start..start + len,
                    category: ["loaded", "hedging", "boosters"][c].to_string(),
                    entry: String::new(),
                    voice: Voice::Author,
                    strength: None,
                })
                .collect();
            highlights.sort_by_key(|h| h.range.start);
            for h in 0..highlights.len() {
                let outer = &highlights[h];
                let scan = highlights.iter().find(|inner| {
                    !std::ptr::eq(*inner, outer)
                        && inner.category != outer.category
                        && outer.range.start <= inner.range.start
                        && inner.range.end <= outer.range.end
                });
                let found = nested_in(&highlights, h);
                proptest::prop_assert_eq!(found.map(|f| f as *const _), scan.map(|s| s as *const _));
            }
        }
    }
}
