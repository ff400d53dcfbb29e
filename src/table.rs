//! Tables as values: each command's rows are built once, through [`Row`], and
//! either written as CSV text (the command line) or kept as typed values
//! (bindings such as the Python package), so that both show the same cells.

use crate::output::{Cells, fixed, thousandths};

/// A row being built, cell by cell, in the order of its table's header.
pub trait Row {
    /// A text cell.
    fn text(&mut self, cell: &str);
    /// A whole number.
    fn integer(&mut self, value: u64);
    /// A figure, shown with three decimals.
    fn figure(&mut self, value: f64);
    /// A yes-or-no cell, written `true` or `false`.
    fn flag(&mut self, value: bool);
    /// An empty cell: a figure that is undefined, such as an interval of one article.
    fn missing(&mut self);

    /// A figure, or an empty cell where it is undefined.
    fn maybe_figure(&mut self, value: Option<f64>) {
        match value {
            Some(v) => self.figure(v),
            None => self.missing(),
        }
    }
}

impl Row for Cells {
    fn text(&mut self, cell: &str) {
        self.push(cell);
    }

    fn integer(&mut self, value: u64) {
        self.push_integer(value);
    }

    fn figure(&mut self, value: f64) {
        self.push_fixed(value);
    }

    fn flag(&mut self, value: bool) {
        self.push(if value { "true" } else { "false" });
    }

    fn missing(&mut self) {
        self.push("");
    }
}

/// One cell as a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Integer(u64),
    /// A figure as the CSV shows it: the number nearest its three decimals.
    Figure(f64),
    /// Yes or no.
    Flag(bool),
    /// An empty cell.
    Missing,
}

impl Value {
    /// Appends the cell as the CSV writes it.
    pub fn write(&self, cells: &mut Cells) {
        match self {
            Value::Text(text) => cells.text(text),
            Value::Integer(n) => cells.integer(*n),
            Value::Figure(x) => cells.figure(*x),
            Value::Flag(b) => cells.flag(*b),
            Value::Missing => cells.missing(),
        }
    }
}

impl Row for Vec<Value> {
    fn text(&mut self, cell: &str) {
        self.push(Value::Text(cell.to_string()));
    }

    fn integer(&mut self, value: u64) {
        self.push(Value::Integer(value));
    }

    fn figure(&mut self, value: f64) {
        self.push(Value::Figure(shown(value)));
    }

    fn flag(&mut self, value: bool) {
        self.push(Value::Flag(value));
    }

    fn missing(&mut self) {
        self.push(Value::Missing);
    }
}

/// The number a figure's three decimals stand for: what a reader of the CSV
/// gets back, so that a binding and the CSV agree cell for cell.
pub fn shown(value: f64) -> f64 {
    // Division is correctly rounded, so n / 1000 is the number nearest the
    // decimal n/1000, exactly what parsing the written figure gives.
    match thousandths(value.abs()) {
        Some(n) => (n as f64 / 1000.0).copysign(value),
        None => fixed(value).parse().unwrap_or(value),
    }
}

/// A whole table: its header and its rows as values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The column names.
    pub header: Vec<String>,
    /// The rows, each in the order of `header`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new<S: ToString>(header: &[S]) -> Table {
        Table {
            header: header.iter().map(ToString::to_string).collect(),
            rows: Vec::new(),
        }
    }

    /// A new row, to be filled and handed to [`Table::push`].
    pub fn row(&self) -> Vec<Value> {
        Vec::with_capacity(self.header.len())
    }

    /// Appends a filled row.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.header.len());
        self.rows.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_figure_parses_from_its_text_and_writes_it_again() {
        let values = (0..20_000)
            .map(|i| f64::from(i) / 7.0)
            .chain([-2.6384, -0.0004, 0.0005, 0.0015, 2.5, 1e12, 1e-9]);
        for value in values {
            let text = fixed(value);
            let shown = shown(value);
            assert_eq!(shown, text.parse::<f64>().unwrap(), "{value}");
            assert_eq!(fixed(shown), text, "{value}");
        }
    }

    #[test]
    fn values_write_the_cells_of_the_csv() {
        let mut values: Vec<Value> = Vec::new();
        let mut cells = Cells::default();
        for row in [&mut values as &mut dyn Row, &mut cells] {
            row.text("a");
            row.integer(7);
            row.figure(2.0 / 3.0);
            row.flag(true);
            row.maybe_figure(None);
        }
        let mut again = Cells::default();
        for value in &values {
            value.write(&mut again);
        }
        assert_eq!(
            again.iter().collect::<Vec<_>>(),
            ["a", "7", "0.667", "true", ""]
        );
        assert_eq!(
            cells.iter().collect::<Vec<_>>(),
            ["a", "7", "0.667", "true", ""]
        );
        assert_eq!(values[2], Value::Figure(0.667));
    }
}
