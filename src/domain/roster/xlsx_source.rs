//! Excel rosters (.xlsx, .xls) via calamine: the first worksheet, cells as text, number or date.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

use super::RosterError;
use super::cells::{Cell, SourceRow};

/// Reads the first worksheet. The format is taken from the bytes, not the
/// name, so an `.xls` that is really an `.xlsx` still reads.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<SourceRow>, RosterError> {
    let unreadable = |e: calamine::Error| RosterError::Unreadable(e.to_string());
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| RosterError::Unreadable("the workbook has no worksheet".into()))?
        .map_err(unreadable)?;
    // The range starts at the first used cell, not necessarily at A1.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range.rows().enumerate().map(|(index, cells)| SourceRow {
        number: first_row + index + 1,
        cells: cells.iter().map(cell_from_data).collect(),
    });
    Ok(rows.collect())
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::from_text(text),
        Data::Float(n) => Cell::Number(*n),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => excel_date(dt).map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

/// A date-formatted cell as a date; calamine applies the workbook's 1900 or
/// 1904 date system. Durations and bare times stay numbers.
fn excel_date(dt: &ExcelDateTime) -> Option<NaiveDate> {
    if !dt.is_datetime() || dt.as_f64() < 1.0 {
        return None;
    }
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
}

#[cfg(test)]
mod tests {
    use calamine::ExcelDateTimeType;

    use super::*;

    fn date_time(serial: f64, is_1904: bool) -> Data {
        Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904))
    }

    #[test]
    fn excel_date_cells_become_dates_in_both_date_systems() {
        let expected = Cell::Date(NaiveDate::from_ymd_opt(1941, 3, 15).unwrap());
        assert_eq!(cell_from_data(&date_time(15050.0, false)), expected);
        assert_eq!(cell_from_data(&date_time(15050.0 - 1462.0, true)), expected);
    }

    #[test]
    fn numeric_phone_cells_stay_numbers() {
        assert_eq!(cell_from_data(&Data::Float(13800138001.0)), Cell::Number(13800138001.0));
        assert_eq!(cell_from_data(&Data::Int(13800138001)), Cell::Number(13800138001.0));
    }

    #[test]
    fn text_empty_and_error_cells_are_mapped() {
        let text = Data::String(" 王建国 ".into());
        assert_eq!(cell_from_data(&text), Cell::Text("王建国".into()));
        assert_eq!(cell_from_data(&Data::String("  ".into())), Cell::Empty);
        assert_eq!(cell_from_data(&Data::Empty), Cell::Empty);
        let error = Data::Error(calamine::CellErrorType::NA);
        assert_eq!(cell_from_data(&error), Cell::Empty);
    }

    #[test]
    fn the_sample_workbook_is_numbered_from_its_title_row() {
        let bytes = include_bytes!("../../../tests/fixtures/roster/sample-roster.xlsx");
        let rows = read(bytes).unwrap();
        assert_eq!(rows.len(), 26);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[1].cells[0].text().as_deref(), Some("姓名"));
        assert_eq!(rows[1].number, 2);
    }
}
