//! Scored categories: the four every lexicon has, and any a folder adds.

/// The names of the categories every lexicon folder must have, in output order.
pub const SCORED: [&str; 4] = ["loaded", "hedging", "boosters", "attribution"];

/// Lexicon files with a role of their own, never counted as a category:
/// paired labels (`terms --labels`) and source descriptions (named or
/// anonymous). Any other file is a custom category, scored after the four.
pub const NOT_SCORED: [&str; 2] = ["labels", "sources"];

/// A category whose matches are counted: its place in the lexicon's list of
/// scored categories, which is also its place in every output.
///
/// The first four are the built-in ones, in the order of [`SCORED`]; a
/// lexicon may score more after them, so the set is open: ask the
/// [`Lexicon`](super::Lexicon) for its scored categories and their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category(u16);

impl Category {
    /// Words that tell the reader what to feel or think.
    pub const LOADED: Category = Category(0);
    /// Words that hold back from full commitment.
    pub const HEDGING: Category = Category(1);
    /// Words that present a claim as certain.
    pub const BOOSTERS: Category = Category(2);
    /// Words that hand a statement to a source.
    pub const ATTRIBUTION: Category = Category(3);
    /// The four every lexicon has, in output order.
    pub const BUILTIN: [Category; 4] = [
        Category::LOADED,
        Category::HEDGING,
        Category::BOOSTERS,
        Category::ATTRIBUTION,
    ];

    /// The category at `index` in a lexicon's scored list.
    pub const fn at(index: usize) -> Category {
        assert!(index <= u16::MAX as usize, "at most 65,536 categories");
        Category(index as u16)
    }

    /// Its place in the scored list, and in every output.
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The name of a built-in category; `None` for one a lexicon added.
    pub fn builtin_name(self) -> Option<&'static str> {
        SCORED.get(self.index()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_categories_are_named_in_output_order() {
        let names: Vec<_> = Category::BUILTIN
            .iter()
            .map(|c| c.builtin_name().unwrap())
            .collect();
        assert_eq!(names, SCORED);
        assert_eq!(Category::at(4).builtin_name(), None);
        assert_eq!(Category::at(4).index(), 4);
    }
}
