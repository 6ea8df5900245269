//! CSV dialects: the delimiter (`,`, tab or `;`) sniffed from the first rows, and the
//! text encoding (UTF-8 with or without BOM, UTF-16 with a BOM, else GB18030, the
//! superset of GBK that Chinese Excel saves "CSV" in).

use std::cell::RefCell;
use std::path::Path;

use csv_core::ReadRecordResult;

use encoding_rs::{Encoding, GB18030};

use crate::error::{checked_text, line_col, Diagnostic};

/// The delimiters tried, in order of preference when they fit equally well.
pub const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// How much of a file the sniffer looks at.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many rows of it.
const SNIFF_ROWS: usize = 50;

/// The delimiter of a CSV text: tab for `.tsv`, else the one of [`DELIMITERS`] that
/// splits the most of the first rows into the same number (two or more) of fields.
pub fn sniff(text: &str, ext: &str) -> u8 {
    if ext.eq_ignore_ascii_case("tsv") {
        return b'\t';
    }
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end).unwrap_or("");
    let mut best = (0, b',');
    for delimiter in DELIMITERS {
        let score = agreeing_rows(sample, delimiter);
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

/// How many sample rows have the most common field count, when that count is two or
/// more (a delimiter that splits nothing scores 0).
fn agreeing_rows(sample: &str, delimiter: u8) -> usize {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for fields in field_counts(sample.as_bytes(), delimiter, SNIFF_ROWS) {
        if fields > 1 {
            *counts.entry(fields).or_default() += 1;
        }
    }
    counts.values().copied().max().unwrap_or(0)
}

thread_local! {
    /// A CSV parser per delimiter of [`DELIMITERS`], built once per thread and reset
    /// before each use: building one (its state table) cost more than sniffing a small
    /// file with it. (A built parser cannot be cloned: csv-core's clone drops the table.)
    static PARSERS: RefCell<[csv_core::Reader; 3]> =
        RefCell::new(DELIMITERS.map(|d| csv_core::ReaderBuilder::new().delimiter(d).build()));
}

/// The number of fields of each of the first `rows` records of `input`, as the `csv`
/// crate reads them, without keeping the fields.
fn field_counts(input: &[u8], delimiter: u8, rows: usize) -> Vec<usize> {
    with_parser(delimiter, |parser| {
        let mut counts = Vec::new();
        if rows > 0 {
            each_record(parser, input, false, |_, _, ends| {
                counts.push(ends.len());
                counts.len() < rows
            });
        }
        counts
    })
}

/// Reads the records of `input` as the `csv` crate reads them (quotes, doubled quotes,
/// CR/LF/CRLF, empty lines skipped) until `each` returns false. `each` gets the byte
/// where reading the record began, its fields' bytes one after the other (only when
/// `keep_bytes`) and where each field ends in them.
pub fn each_record(
    parser: &mut csv_core::Reader,
    input: &[u8],
    keep_bytes: bool,
    mut each: impl FnMut(usize, &[u8], &[usize]) -> bool,
) {
    let mut rest = input;
    let mut read_so_far = 0;
    let mut bytes = vec![0u8; 1024];
    let mut ends = vec![0usize; 64];
    loop {
        let started = read_so_far;
        let (mut filled, mut ended) = (0, 0);
        loop {
            let (result, read, wrote, fields) = parser.read_record(
                rest,
                bytes.get_mut(filled..).unwrap_or_default(),
                ends.get_mut(ended..).unwrap_or_default(),
            );
            rest = rest.get(read..).unwrap_or_default();
            read_so_far += read;
            filled += wrote;
            ended += fields;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if keep_bytes => bytes.resize(bytes.len() * 2, 0),
                // The bytes are not wanted: their space is simply reused.
                ReadRecordResult::OutputFull => filled = 0,
                ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return,
            }
        }
        let data = bytes.get(..filled).unwrap_or_default();
        if !each(started, data, ends.get(..ended).unwrap_or_default()) {
            return;
        }
    }
}

/// Runs `read` with a CSV parser for `delimiter`, reset: this thread's own for the
/// delimiters of [`DELIMITERS`], else a new one.
pub fn with_parser<T>(delimiter: u8, read: impl FnOnce(&mut csv_core::Reader) -> T) -> T {
    let at = DELIMITERS.iter().position(|&d| d == delimiter);
    PARSERS.with_borrow_mut(|parsers| match at.and_then(|i| parsers.get_mut(i)) {
        Some(parser) => {
            parser.reset();
            read(parser)
        }
        None => read(&mut csv_core::ReaderBuilder::new().delimiter(delimiter).build()),
    })
}

/// A delimiter named in messages.
pub fn name(delimiter: u8) -> &'static str {
    match delimiter {
        b'\t' => "tab-separated",
        b';' => "`;`-separated",
        _ => "`,`-separated",
    }
}

/// The text of a CSV file: a BOM says the encoding (UTF-8, UTF-16); without one the
/// bytes are UTF-8 when they can be, else GB18030. Bytes that are neither are an error
/// saying what was tried.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        let body = bytes.get(bom..).unwrap_or(&[]);
        return match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => checked_text(text.into_owned(), shown),
            None => Err(Diagnostic::file(
                shown,
                format!(
                    "the file starts with a {} byte-order mark but is not valid {}",
                    encoding.name(),
                    encoding.name()
                ),
            )
            .with_hint("save it again as \"CSV UTF-8\"")),
        };
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return checked_text(text, shown),
        Err(e) => e.into_bytes(),
    };
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
        return checked_text(text.into_owned(), shown);
    }
    let valid_up_to = std::str::from_utf8(&bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let before = String::from_utf8_lossy(bytes.get(..valid_up_to).unwrap_or(&[]));
    let (line, col) = line_col(&before, valid_up_to);
    Err(Diagnostic::at(
        shown,
        line,
        Some(col),
        "cannot read the file as text: tried UTF-8 (invalid here), UTF-16 (no byte-order mark) and GB18030/GBK (invalid too)",
    )
    .with_hint("save it as \"CSV UTF-8\" from the spreadsheet program"))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
pub mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff("a,b\n1,2\n", "csv"), b',');
        assert_eq!(sniff("a\tb\n1\t2\n", "csv"), b'\t');
        assert_eq!(sniff("a;b\n\"1,5\";2\n3;4\n", "csv"), b';');
        assert_eq!(sniff("a;b\n1;2\n", "tsv"), b'\t');
        // Quoted thousands do not make `,` the delimiter of a `;` file.
        assert_eq!(
            sniff("名称;值\n甲;\"1,234.5\"\n乙;\"2,000\"\n", "csv"),
            b';'
        );
        // A title row above the header does not confuse it.
        assert_eq!(
            sniff("表1 标题\n单位：亿元\n地区\t值\n甲\t1\n", "csv"),
            b'\t'
        );
        assert_eq!(sniff("x\n1\n", "csv"), b',');
        assert_eq!(sniff("", "csv"), b',');
    }

    /// CSV texts that test a reader: quotes, line ends, long fields, many fields.
    pub fn tricky_samples() -> Vec<String> {
        let long_field = "长".repeat(2000);
        let many_fields = vec!["1"; 300].join(";");
        vec![
            "a,b\n1,2\n".to_string(),
            "a,\"b\nc\",d\r\n\r\n1,\"2\"\"x\",3\r4\n".to_string(),
            format!("{long_field},{long_field}\n1,2,3\n"),
            format!("{many_fields}\n{many_fields}\n"),
            "\"unterminated,1\n2,3".to_string(),
            "\n\n,\n;;\t\t".to_string(),
            "甲;乙\n1;2".to_string(),
            String::new(),
        ]
    }

    #[test]
    fn field_counts_match_the_csv_crate() {
        for sample in &tricky_samples() {
            for d in DELIMITERS {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(d)
                    .from_reader(sample.as_bytes());
                let expected: Vec<usize> =
                    reader.byte_records().flatten().map(|r| r.len()).collect();
                let got = field_counts(sample.as_bytes(), d, usize::MAX);
                assert_eq!(got, expected, "{sample:?} with {:?}", d as char);
            }
        }
    }

    #[test]
    fn encodings() {
        let shown = Path::new("charts/t.csv");
        let utf8 = "地区,值\n重庆,1\n";
        assert_eq!(decode(utf8.as_bytes().to_vec(), shown).unwrap(), utf8);
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat();
        assert_eq!(decode(bom, shown).unwrap(), utf8);
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        assert_ne!(gbk.as_ref(), utf8.as_bytes());
        assert_eq!(decode(gbk.into_owned(), shown).unwrap(), utf8);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(utf8.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(utf16, shown).unwrap(), utf8);
        let d = decode(b"a,b\n1,\xFF\xFF\n".to_vec(), shown).unwrap_err();
        assert_eq!((d.line, d.col), (Some(2), Some(3)));
        assert!(d.message.contains("tried UTF-8"), "{d}");
        assert!(d.message.contains("GB18030"), "{d}");
    }
}
