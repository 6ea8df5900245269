//! Data files as analysts receive them: workbooks (.xlsx built here with
//! rust_xlsxwriter, .ods zipped by hand), CSV exported by Chinese Excel (GBK, BOM, `;`,
//! tabs, quoted thousands), and a yearbook table laid out exactly as printed, each
//! built by the real binary and read back from the chart CSV, the figure and the prose.
//!
//! Figures: 2023年重庆市国民经济和社会发展统计公报 (重庆市统计局): 地区生产总值
//! 30145.79亿元 (增长6.1%), 第一产业2074.68 (4.6%), 第二产业11699.14 (6.6%),
//! 第三产业16371.97 (6.1%).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::io::Write as _;

use common::Site;
use rust_xlsxwriter::{Formula, Workbook};

/// A yearbook sheet on the second sheet of a workbook: title, unit line, header units,
/// a footnote mark, a number stored as text, a formula, notes below.
fn gdp_workbook(site: &Site, rel: &str) {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "本工作簿摘自统计公报")
        .unwrap();
    let sheet = book.add_worksheet().set_name("分产业").unwrap();
    sheet.write_string(0, 0, "表3-1 地区生产总值").unwrap();
    sheet.write_string(1, 2, "单位：亿元").unwrap();
    for (col, name) in ["指标", "2023年", "比上年增长（%）"].iter().enumerate() {
        sheet.write_string(2, col as u16, *name).unwrap();
    }
    sheet.write_string(3, 0, "地区生产总值①").unwrap();
    sheet.write_number(3, 1, 30145.79).unwrap();
    sheet.write_number(3, 2, 6.1).unwrap();
    sheet.write_string(4, 0, "第一产业").unwrap();
    sheet.write_string(4, 1, "2,074.68").unwrap(); // a number stored as text
    sheet.write_number(4, 2, 4.6).unwrap();
    sheet.write_string(5, 0, "第二产业").unwrap();
    sheet
        .write_formula(5, 1, Formula::new("=B4-B5-B7").set_result("11699.14"))
        .unwrap();
    sheet.write_number(5, 2, 6.6).unwrap();
    sheet.write_string(6, 0, "第三产业").unwrap();
    sheet.write_number(6, 1, 16371.97).unwrap();
    sheet.write_string(6, 2, "6.1*").unwrap();
    sheet.write_string(8, 0, "注：①按当年价格计算。").unwrap();
    sheet
        .write_string(9, 0, "资料来源：重庆市统计局。")
        .unwrap();
    let growth = book.add_worksheet().set_name("增速").unwrap();
    growth.write_string(0, 0, "产业").unwrap();
    growth.write_string(0, 1, "增长（%）").unwrap();
    for (row, (name, v)) in [("第一产业", 4.6), ("第二产业", 6.6), ("第三产业", 6.1)]
        .iter()
        .enumerate()
    {
        growth.write_string(row as u32 + 1, 0, *name).unwrap();
        growth.write_number(row as u32 + 1, 1, *v).unwrap();
    }
    book.save(site.path(rel)).unwrap();
}

fn spec(title: &str, data: &str, x: &str, y: &str, extra: &str) -> String {
    format!("title = \"{title}\"\nkind = \"bar\"\ndata = \"{data}\"\nx = \"{x}\"\ny = [\"{y}\"]\n{extra}")
}

#[test]
fn a_yearbook_workbook_charts_and_quotes_without_editing() {
    let site = Site::new();
    gdp_workbook(&site, "charts/gdp.xlsx");
    site.write("charts/gdp.xlsx.meta.toml", "sheet = \"分产业\"\n");
    // Reads the sidecar's sheet; the header's full name works as well as the bare one.
    site.write(
        "charts/levels.toml",
        &spec("三次产业", "gdp.xlsx", "指标", "2023年（亿元）", ""),
    );
    // Another sheet of the same file, chosen by the spec.
    site.write(
        "charts/growth.toml",
        &spec("增速", "gdp.xlsx", "产业", "增长", "sheet = \"增速\"\n"),
    );
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n全市地区生产总值{{ value(data=\"gdp.xlsx\", row=\"地区生产总值\", col=\"2023年\") }}，第一产业{{ value(data=\"gdp.xlsx\", row=\"第一产业\", col=\"2023年（亿元）\") }}，第二产业增长{{ value(chart=\"growth\", row=\"第二产业\", col=\"增长\") }}。\n\n{{ chart(id=\"levels\") }}\n",
    );
    site.build_ok(&[]);
    let csv = site.read("public/charts/levels.csv");
    for line in [
        "地区生产总值,30145.79",
        "第一产业,2074.68",
        "第二产业,11699.14",
        "第三产业,16371.97",
    ] {
        assert!(csv.contains(line), "{line} in {csv}");
    }
    assert!(!csv.contains("①") && !csv.contains("注"), "{csv}");
    let growth = site.read("public/charts/growth.csv");
    assert!(growth.contains("第二产业,6.6"), "{growth}");
    let page = site.read_text("public/about/index.html");
    // The unit comes from the sheet's 单位 line (large sums may be shown in 万亿元).
    assert!(page.contains("第一产业2,074.68亿元"), "{page}");
    // value(chart = …) reads the sheet that chart reads, not the sidecar's.
    assert!(page.contains("第二产业增长6.6%"), "{page}");
    assert!(
        page.contains("全市地区生产总值30,145.79亿元")
            || page.contains("全市地区生产总值3.0146万亿元"),
        "{page}"
    );
    assert!(page.contains("按当年价格计算"), "figure notes: {page}");
    assert!(
        page.contains("资料来源：重庆市统计局"),
        "figure notes: {page}"
    );
}

/// A one-sheet workbook (sheet 数据) whose cell B3 reads `b3`.
fn small_workbook(site: &Site, b3: &str) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("数据").unwrap();
    sheet.write_string(0, 0, "类别").unwrap();
    sheet.write_string(0, 1, "投资").unwrap();
    sheet.write_string(1, 0, "甲").unwrap();
    sheet.write_number(1, 1, 1.0).unwrap();
    sheet.write_string(2, 0, "乙").unwrap();
    sheet.write_string(2, 1, b3).unwrap();
    book.save(site.path("charts/bad.xlsx")).unwrap();
}

#[test]
fn workbook_errors_name_the_sheet_and_cell() {
    let site = Site::new();
    small_workbook(&site, "NaN");
    site.write("charts/c.toml", &spec("坏", "bad.xlsx", "类别", "投资", ""));
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("charts/bad.xlsx: sheet 数据, cell B3: `NaN`: not a finite number"),
        "{}",
        r.stderr
    );

    // The error is reported once, though the spec reads the file another way too.
    site.write(
        "charts/c.toml",
        &spec("坏", "bad.xlsx", "类别", "投资", "skip_rows = 0\n"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.stderr.matches("cell B3").count(), 1, "{}", r.stderr);

    small_workbook(&site, "2");
    site.write(
        "charts/c.toml",
        &spec("无表", "bad.xlsx", "类别", "投资", "sheet = \"汇总\"\n"),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("charts/bad.xlsx: no sheet `汇总` in the workbook"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("hint: the sheets are: 数据"),
        "{}",
        r.stderr
    );

    site.write("charts/broken.xlsx", "这不是工作簿");
    let r = site.run(&["build"]);
    assert!(
        r.stderr
            .contains("charts/broken.xlsx: cannot read the workbook"),
        "{}",
        r.stderr
    );
}

/// A one-sheet OpenDocument spreadsheet: the header row, then `rows`.
fn ods(rows: &[(&str, f64)]) -> Vec<u8> {
    let cell_text = |t: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>")
    };
    let mut table = format!(
        "<table:table-row>{}{}</table:table-row>",
        cell_text("类别"),
        cell_text("投资")
    );
    for (label, value) in rows {
        table.push_str(&format!(
            "<table:table-row>{}<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell></table:table-row>",
            cell_text(label)
        ));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"表1\">{table}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn csv_dialects_and_ods_read_alike() {
    let site = Site::new();
    let table = "类别,投资\n甲,\"1,234.5\"\n乙,50\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(table);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("gbk.csv", gbk.into_owned()),
        (
            "bom.csv",
            [b"\xEF\xBB\xBF".as_slice(), table.as_bytes()].concat(),
        ),
        (
            "semi.csv",
            table
                .replace(',', ";")
                .replace("\"1;234.5\"", "\"1,234.5\"")
                .into_bytes(),
        ),
        (
            "tabs.tsv",
            table
                .replace(',', "\t")
                .replace("\"1\t234.5\"", "1,234.5")
                .into_bytes(),
        ),
        (
            "tabs.csv",
            table
                .replace(',', "\t")
                .replace("\"1\t234.5\"", "\"1,234.5\"")
                .into_bytes(),
        ),
        ("sheet.ods", ods(&[("甲", 1234.5), ("乙", 50.0)])),
    ];
    for (name, bytes) in &files {
        std::fs::write(site.path(&format!("charts/{name}")), bytes).unwrap();
        let id = name.replace('.', "-");
        site.write(
            &format!("charts/{id}.toml"),
            &spec(name, name, "类别", "投资", ""),
        );
    }
    site.build_ok(&[]);
    for (name, _) in &files {
        let csv = site.read(&format!("public/charts/{}.csv", name.replace('.', "-")));
        assert!(
            csv.contains("甲,1234.5") && csv.contains("乙,50"),
            "{name}: {csv}"
        );
    }
}

#[test]
fn qualifier_words_print_as_the_source_wrote_them() {
    let site = Site::new();
    site.write(
        "charts/q.csv",
        "项目,投资（亿元）\n甲,近5000\n乙,30余\n丙,逾100\n丁,1200左右\n",
    );
    site.write(
        "charts/q.toml",
        &spec("限定词", "q.csv", "项目", "投资", ""),
    );
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n甲{{ value(data=\"q.csv\", row=\"甲\", col=\"投资\") }}，乙{{ value(data=\"q.csv\", row=\"乙\", col=\"投资\") }}，丁{{ value(data=\"q.csv\", row=\"丁\", col=\"投资\") }}。\n\n{{ chart(id=\"q\") }}\n",
    );
    site.build_ok(&[]);
    let page = site.read_text("public/about/index.html");
    for said in ["甲近5,000亿元", "乙30余亿元", "丁1,200亿元左右"] {
        assert!(page.contains(said), "{said}: {page}");
    }
    let csv = site.read("public/charts/q.csv");
    // Numbers as numbers; the source's word in the qualifier column.
    for said in ["甲,5000,近", "乙,30,余", "丙,100,逾", "丁,1200,左右"] {
        assert!(csv.contains(said), "{said}: {csv}");
    }
}

#[test]
fn percent_formatted_cells_read_as_the_workbook_shows_them() {
    let site = Site::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("增速").unwrap();
    let one_place = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    let whole = rust_xlsxwriter::Format::new().set_num_format("0%");
    for (col, name) in ["地区", "增长（%）", "份额"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for (row, (name, growth, share)) in [("甲", 0.061, 0.25), ("乙", -0.012, 0.75)]
        .iter()
        .enumerate()
    {
        let row = row as u32 + 1;
        sheet.write_string(row, 0, *name).unwrap();
        sheet
            .write_number_with_format(row, 1, *growth, &one_place)
            .unwrap();
        sheet
            .write_number_with_format(row, 2, *share, &whole)
            .unwrap();
    }
    book.save(site.path("charts/g.xlsx")).unwrap();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n甲增长{{ value(data=\"g.xlsx\", row=\"甲\", col=\"增长\") }}，乙{{ value(data=\"g.xlsx\", row=\"乙\", col=\"增长\") }}，份额{{ value(data=\"g.xlsx\", row=\"甲\", col=\"份额\") }}。\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = site.read("public/about/index.html");
    assert!(
        html.contains("甲增长<span class=\"nobr\">6.1%</span>，乙<span class=\"nobr\">−1.2%</span>，份额<span class=\"nobr\">25%</span>。"),
        "{html}"
    );
}

/// A one-sheet .xlsx as a program that never opened it writes one: the cells of
/// `total_row` (XML) hold formulas and no results.
fn unsaved_formula_workbook(total_row: &str) -> Vec<u8> {
    let sheet = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>项目</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>投资</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c><c r=\"B2\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>乙</t></is></c><c r=\"B3\"><v>2</v></c></row>{total_row}</sheetData></worksheet>");
    let sheet = sheet.as_str();
    let workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/worksheets/sheet1.xml", sheet),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Builds a site whose workbook's last row is `total` and insists the unsaved formula in
/// B4 is refused at its cell.
fn refuses_unsaved_b4(total: &str) {
    let site = Site::new();
    std::fs::write(site.path("charts/f.xlsx"), unsaved_formula_workbook(total)).unwrap();
    site.write("charts/c.toml", &spec("投资", "f.xlsx", "项目", "投资", ""));
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "charts/f.xlsx: sheet 表1, cell B4: the formula `=SUM(B2:B3)` has no saved result"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: open the workbook"), "{}", r.stderr);
}

#[test]
fn a_formula_with_no_saved_result_is_refused_not_read_as_a_gap() {
    // The total's label is text: the formula is inside the cells that hold values.
    refuses_unsaved_b4("<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B4\"><f>SUM(B2:B3)</f></c></row>");
}

#[test]
fn a_last_row_of_unsaved_formulas_is_refused_too() {
    // No cell of row 4 holds a value, so the sheet's values end at row 3.
    refuses_unsaved_b4(
        "<row r=\"4\"><c r=\"B4\"><f>SUM(B2:B3)</f></c><c r=\"C4\"><f>B4*2</f></c></row>",
    );
}

#[test]
fn problems_in_a_sheet_are_placed_by_sheet_and_cell() {
    let site = Site::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("S").unwrap();
    for (col, name) in ["地区", "投资", "增长"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for (row, (name, v, g)) in [
        ("甲", 10.0, "5.1"),
        ("乙", 20.0, "abc"),
        ("丙", 30.0, "6.2"),
    ]
    .iter()
    .enumerate()
    {
        let r = row as u32 + 1;
        sheet.write_string(r, 0, *name).unwrap();
        sheet.write_number(r, 1, *v).unwrap();
        sheet.write_string(r, 2, *g).unwrap();
    }
    book.save(site.path("charts/s.xlsx")).unwrap();
    site.write("charts/c.toml", &spec("t", "s.xlsx", "地区", "增长", ""));
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("charts/s.xlsx: sheet S, cell C3: `abc` in column `增长` is not a number"),
        "{}",
        r.stderr
    );
}

#[test]
fn numbers_read_with_the_decimals_their_format_shows() {
    let site = Site::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let two = rust_xlsxwriter::Format::new().set_num_format("#,##0.00");
    let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    for (col, name) in ["地区", "增加值（亿元）", "增长"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "甲").unwrap();
    sheet
        .write_number_with_format(1, 1, 2074.6789123, &two)
        .unwrap();
    sheet
        .write_number_with_format(1, 2, 0.0612345, &pct)
        .unwrap();
    sheet.write_string(2, 0, "乙").unwrap();
    sheet.write_number_with_format(2, 1, 100.0, &two).unwrap();
    sheet.write_number_with_format(2, 2, 0.05, &pct).unwrap();
    book.save(site.path("charts/f.xlsx")).unwrap();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n{{ value(data=\"f.xlsx\", row=\"甲\", col=\"增加值\") }} {{ value(data=\"f.xlsx\", row=\"甲\", col=\"增长\") }} {{ value(data=\"f.xlsx\", row=\"乙\", col=\"增加值\") }} {{ value(data=\"f.xlsx\", row=\"乙\", col=\"增长\") }}\n",
    );
    site.build_ok(&[]);
    let html = site.read_text("public/about/index.html");
    assert!(html.contains("2,074.68亿元 6.1% 100.00亿元 5.0%"), "{html}");
}

#[test]
fn dates_formatted_as_months_read_as_months() {
    let site = Site::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let month = rust_xlsxwriter::Format::new().set_num_format("yyyy\"年\"m\"月\"");
    sheet.write_string(0, 0, "月份").unwrap();
    sheet.write_string(0, 1, "CPI（%）").unwrap();
    for (row, (m, v)) in [(1, 0.5), (2, -0.7), (3, 0.1)].iter().enumerate() {
        let r = row as u32 + 1;
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, *m, 1).unwrap();
        sheet
            .write_datetime_with_format(r, 0, &date, &month)
            .unwrap();
        sheet.write_number(r, 1, *v).unwrap();
    }
    book.save(site.path("charts/m.xlsx")).unwrap();
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n\n2月{{ value(data=\"m.xlsx\", row=\"2025年2月\", col=\"CPI\") }}\n",
    );
    site.build_ok(&[]);
    assert!(site
        .read_text("public/about/index.html")
        .contains("2月−0.7%"));
}
