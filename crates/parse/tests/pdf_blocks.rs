//! Blocks, columns, reading order and page-edge bands, on fixtures built with lopdf's writer:
//! one test per way of misreading a layout (pieces of different blocks on one baseline, real
//! sidebars missed, single columns taken for two, page-edge lines taken for running headers).

mod support;

use ats_parse::{extract, Document, Limits, Region};
use support::pdfgen::{build, Page, Run};

const PAGE_HEIGHT: f32 = 792.0;

fn read(pages: Vec<Vec<Run>>) -> Document {
    let pages: Vec<Page> = pages.into_iter().map(|runs| Page { runs, boxes: vec![] }).collect();
    extract(&build(&pages), &Limits::default()).expect("fixture extracts")
}

/// A run whose baseline is `top` points below the page's top edge.
fn at(x: f32, top: f32, size: f32, text: &str) -> Run {
    Run::new(x, PAGE_HEIGHT - top, size, text)
}

fn bold(x: f32, top: f32, size: f32, text: &str) -> Run {
    at(x, top, size, text).bold()
}

/// The width the parser gives `text` set alone at `size` (regular, or bold).
fn width(text: &str, size: f32, is_bold: bool) -> f32 {
    let run = at(100.0, 100.0, size, text);
    let doc = read(vec![vec![if is_bold { run.bold() } else { run }]]);
    doc.lines[0].width
}

/// A regular run that ends at `right`.
fn flush_right(right: f32, top: f32, size: f32, text: &str) -> Run {
    at(right - width(text, size, false), top, size, text)
}

fn lines(doc: &Document) -> Vec<&str> {
    doc.lines.iter().map(|l| l.text.as_str()).collect()
}

/// Where `text` is in the document's text, as a line of its own.
fn line_at(doc: &Document, text: &str) -> usize {
    doc.lines
        .iter()
        .position(|l| l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} in\n{}", doc.text))
}

/// Section labels in a left rail, each on the baseline of its section's first line: the label
/// is a line of its own, and the content lines keep their right-aligned dates.
#[test]
fn a_label_rail_beside_its_sections_first_line_is_a_line_of_its_own() {
    let (rail, body) = (52.0, 168.0);
    let mut runs = vec![
        bold(rail, 64.0, 18.0, "Marisol Quintero"),
        at(rail, 84.0, 9.5, "marisol.q@example.com | (415) 555-0172 | Oakland, CA"),
        bold(rail, 122.0, 11.0, "Work"),
        bold(body, 122.0, 9.5, "Platform Engineer, Tamarack Logistics"),
        flush_right(566.0, 122.0, 9.5, "2020 - now"),
        at(body, 137.0, 9.5, "- Moved the billing jobs onto a shared scheduler"),
        at(body, 152.0, 9.5, "- Wrote the runbook the on-call rota still uses"),
        bold(body, 171.0, 9.5, "Support Engineer, Hollowell Mills"),
        flush_right(566.0, 171.0, 9.5, "2017 - 2020"),
        at(body, 186.0, 9.5, "- Answered 40 tickets a day on the freight portal"),
        bold(rail, 218.0, 11.0, "Schooling"),
        at(body, 218.0, 9.5, "B.A. Economics, Pell Harbor College"),
        bold(rail, 244.0, 11.0, "Tools"),
        at(body, 244.0, 9.5, "Go, Terraform, Postgres, Grafana"),
    ];
    runs.reverse();
    let doc = read(vec![runs]);
    let got = lines(&doc);
    for label in ["Work", "Schooling", "Tools"] {
        let i = line_at(&doc, label);
        assert!(doc.lines[i].bold && doc.lines[i].x < body, "{got:?}");
    }
    // The label comes first, and its section's first line follows it whole.
    assert_eq!(
        line_at(&doc, "Work") + 1,
        line_at(&doc, "Platform Engineer, Tamarack Logistics 2020 - now")
    );
    assert_eq!(
        line_at(&doc, "Schooling") + 1,
        line_at(&doc, "B.A. Economics, Pell Harbor College")
    );
    line_at(&doc, "Support Engineer, Hollowell Mills 2017 - 2020");
    assert!(doc.signals.columns.is_empty(), "{got:?}");
}

/// A rail of many section labels (more than a sparse sidebar has lines) is still a rail: a
/// label every few lines beside the content, not a column of its own.
#[test]
fn a_long_label_rail_is_not_a_column() {
    let sections = [
        ("Profile", "Operations lead for regional cold-chain fleets"),
        ("Roles", "Fleet Manager, Glacier Haulage, 2019 - now"),
        ("Study", "B.S. Logistics, Kestrel State University"),
        ("Skills", "Route planning, telematics, SQL"),
        ("Awards", "Safe Fleet Award, 2022"),
        ("Service", "Board member, Harbor Food Shelf"),
        ("Languages", "English, Tagalog"),
    ];
    let mut runs = vec![
        bold(40.0, 60.0, 18.0, "Rowan Castellano"),
        at(40.0, 80.0, 9.5, "rowan.c@example.com | (907) 555-0190 | Anchorage, AK"),
    ];
    let mut y = 112.0;
    for (label, first) in sections {
        runs.push(bold(40.0, y, 10.5, label));
        runs.push(at(140.0, y, 9.5, first));
        runs.push(at(
            140.0,
            y + 14.0,
            9.5,
            "- Kept every depot audit on schedule for the year",
        ));
        runs.push(at(
            140.0,
            y + 28.0,
            9.5,
            "- Trained new dispatchers on the winter routes",
        ));
        y += 52.0;
    }
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    for (label, first) in sections {
        assert_eq!(line_at(&doc, label) + 1, line_at(&doc, first), "{}", doc.text);
    }
}

/// Section labels set flush right against the content, some wrapped over two lines, below a
/// contact block that stands beside the title with white space under both: one column with a
/// rail, not two columns, and each label read whole before its section.
#[test]
fn a_rail_of_right_aligned_wrapped_labels_below_a_contact_block_is_not_a_column() {
    let rail_right = 158.0;
    let body = 176.0;
    let mut runs = vec![
        bold(96.0, 96.0, 26.0, "Petra Halvorsen"),
        flush_right(rail_right, 116.0, 9.5, "(208) 555-0166"),
        flush_right(rail_right, 128.0, 9.5, "petra.h@example.com"),
        at(70.0, 140.0, 9.5, "github.com/petrahalvorsen-dev"),
        at(body, 134.0, 16.0, "Civil Engineer"),
    ];
    let sections: [(&[&str], &[&str]); 6] = [
        (
            &["About"],
            &["Bridge inspector turned design engineer for rural counties."],
        ),
        (
            &["Work", "History"],
            &[
                "Design Engineer, Sagebrush County, 2018 - now",
                "- Redesigned 14 culverts for spring floods",
                "- Cut review time with shared drawing checklists",
            ],
        ),
        (
            &["Study"],
            &["B.S. Civil Engineering, Snake River College, 2014 - 2018"],
        ),
        (
            &["Software", "and Tools"],
            &["AutoCAD Civil 3D, HEC-RAS, QGIS", "Python for survey clean-up"],
        ),
        (&["Licences"], &["Professional Engineer, Idaho, 2022"]),
        (&["Spoken", "Languages"], &["English, Norwegian"]),
    ];
    let mut y = 196.0;
    for (labels, lines) in sections {
        for (i, label) in labels.iter().enumerate() {
            runs.push(flush_right(rail_right, y + i as f32 * 18.0, 13.0, label));
        }
        for (i, line) in lines.iter().enumerate() {
            runs.push(at(body, y + i as f32 * 12.0, 10.0, line));
        }
        y += 12.0 * lines.len().max(2) as f32 + 30.0;
    }
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    assert_eq!(
        line_at(&doc, "About") + 1,
        line_at(&doc, "Bridge inspector turned design engineer for rural counties.")
    );
    assert_eq!(
        line_at(&doc, "Study") + 1,
        line_at(&doc, "B.S. Civil Engineering, Snake River College, 2014 - 2018")
    );
    // A wrapped label is read whole, before its section's lines.
    let work = line_at(&doc, "Work History");
    assert_eq!(
        lines(&doc)[work..work + 4],
        [
            "Work History",
            "Design Engineer, Sagebrush County, 2018 - now",
            "- Redesigned 14 culverts for spring floods",
            "- Cut review time with shared drawing checklists"
        ]
    );
    assert_eq!(
        line_at(&doc, "Software and Tools") + 1,
        line_at(&doc, "AutoCAD Civil 3D, HEC-RAS, QGIS")
    );
}

/// The header of a page with a label rail: a contact block set flush right against the
/// content, beside a title, with white space below it (less than ends a region). Its lines
/// share no baseline with the content.
fn contact_block_beside_a_title(rail_right: f32, body: f32) -> Vec<Run> {
    vec![
        bold(body, 92.0, 24.0, "Tomasz Wierzbicki"),
        flush_right(rail_right, 110.0, 9.5, "Boise, ID"),
        flush_right(rail_right, 122.0, 9.5, "(208) 555-0131"),
        flush_right(rail_right, 134.0, 9.5, "tomasz.w@example.com"),
        at(body, 128.0, 16.0, "Water Resources Engineer"),
        flush_right(rail_right, 146.0, 9.5, "github.com/twierz"),
    ]
}

/// A rail of section labels (one wrapped over two lines, its second beside its entry's wrapped
/// line) and dates, each on the baseline of the content line it belongs to, below a contact
/// block: the contact block is the page's header, not the top of a sidebar, so the page is one
/// column and each label or date is read just before its line.
#[test]
fn a_rail_of_labels_and_dates_below_a_contact_block_is_not_a_column() {
    let (rail_right, body) = (150.0, 170.0);
    let mut runs = contact_block_beside_a_title(rail_right, body);
    runs.extend([
        flush_right(rail_right, 192.0, 13.0, "Summary"),
        at(body, 192.0, 10.0, "Hydrologist who models floods for small towns."),
        flush_right(rail_right, 226.0, 13.0, "Work"),
        flush_right(rail_right, 241.0, 13.0, "Record"),
        at(
            body,
            226.0,
            10.0,
            "Senior Engineer, Clearwater Basin Authority, Lewiston,",
        ),
        at(body, 240.0, 10.0, "Idaho."),
        at(body, 256.0, 10.0, "- Rebuilt the gauge network after the 2021 flood"),
        at(body, 270.0, 10.0, "- Cut model run time from hours to minutes"),
        flush_right(rail_right, 290.0, 9.5, "2015 - 2019"),
        at(body, 290.0, 10.0, "Engineer, Owyhee Irrigation District"),
        at(body, 304.0, 10.0, "- Mapped 300 miles of canals for the first time"),
        flush_right(rail_right, 340.0, 13.0, "Schooling"),
        at(body, 340.0, 10.0, "M.S. Civil Engineering, Payette State University"),
        flush_right(rail_right, 358.0, 9.5, "2009 - 2011"),
        at(body, 358.0, 10.0, "B.S. Geology, Payette State University"),
    ]);
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    // The label's second line shares a baseline with its entry's wrapped line: still one label.
    let work = line_at(&doc, "Work Record");
    assert_eq!(
        lines(&doc)[work..work + 4],
        [
            "Work Record",
            "Senior Engineer, Clearwater Basin Authority, Lewiston,",
            "Idaho.",
            "- Rebuilt the gauge network after the 2021 flood",
        ]
    );
    for (rail, line) in [
        ("Summary", "Hydrologist who models floods for small towns."),
        ("2015 - 2019", "Engineer, Owyhee Irrigation District"),
        ("Schooling", "M.S. Civil Engineering, Payette State University"),
        ("2009 - 2011", "B.S. Geology, Payette State University"),
    ] {
        assert_eq!(line_at(&doc, rail) + 1, line_at(&doc, line), "{}", doc.text);
    }
}

/// The near miss: below the same contact block, a sidebar of its own lines at its own line
/// pitch (one shares the content's first baseline) is a column, read whole before the
/// content.
#[test]
fn a_sidebar_below_a_contact_block_is_still_a_column() {
    let (rail_right, body) = (150.0, 170.0);
    let mut runs = contact_block_beside_a_title(rail_right, body);
    let sidebar = [
        "Skills",
        "HEC-RAS",
        "ArcGIS Pro",
        "Python",
        "Survey",
        "Permitting",
        "Languages",
        "Polish",
        "English",
    ];
    for (i, text) in sidebar.iter().enumerate() {
        runs.push(at(44.0, 182.0 + i as f32 * 13.0, 9.5, text));
    }
    let content = [
        "Senior Engineer, Clearwater Basin Authority, 2019 - now",
        "- Rebuilt the gauge network after the 2021 flood",
        "- Cut model run time from hours to minutes",
        "Engineer, Owyhee Irrigation District, 2015 - 2019",
        "- Mapped 300 miles of canals for the first time",
        "M.S. Civil Engineering, Payette State University",
    ];
    for (i, text) in content.iter().enumerate() {
        runs.push(at(body, 182.0 + i as f32 * 20.0, 10.0, text));
    }
    let doc = read(vec![runs]);
    assert_eq!(doc.signals.columns.len(), 1, "{}", doc.text);
    assert!(
        line_at(&doc, "English") < line_at(&doc, content[0]),
        "sidebar read whole first:\n{}",
        doc.text
    );
}

/// A name set large on the baseline of one line of right-aligned contact text: two blocks, so
/// two lines, and the name is read whole.
#[test]
fn a_large_name_beside_right_aligned_contact_text_is_its_own_line() {
    let runs = vec![
        flush_right(574.0, 50.0, 9.0, "ines.varga@example.com"),
        bold(46.0, 67.0, 30.0, "Ines Varga"),
        flush_right(574.0, 67.0, 9.0, "Tacoma, WA"),
        flush_right(574.0, 84.0, 9.0, "(253) 555-0148"),
        at(46.0, 112.0, 12.0, "Field Service Technician"),
        bold(46.0, 146.0, 11.0, "Experience"),
        at(46.0, 162.0, 9.0, "Technician, Olcott Elevator Co, 2018 - 2024"),
    ];
    let doc = read(vec![runs]);
    let name = line_at(&doc, "Ines Varga");
    assert_eq!(doc.lines[name].font_size, 30.0);
    line_at(&doc, "Tacoma, WA");
    line_at(&doc, "(253) 555-0148");
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
}

/// Pieces on one baseline set in similar sizes stay one line: a heading with its date, a row of
/// a skills list.
#[test]
fn pieces_of_one_block_on_one_baseline_stay_one_line() {
    let runs = vec![
        bold(60.0, 80.0, 12.0, "Research Assistant, Corvid Lab"),
        flush_right(550.0, 80.0, 10.0, "Sep 2019 - May 2021"),
        at(60.0, 96.0, 10.0, "Python"),
        at(200.0, 96.0, 10.0, "Rust"),
        at(340.0, 96.0, 10.0, "SQL"),
    ];
    let doc = read(vec![runs]);
    assert_eq!(
        lines(&doc),
        ["Research Assistant, Corvid Lab Sep 2019 - May 2021", "Python Rust SQL"]
    );
}

/// A left sidebar of a name, contact lines and one-word skills (few words, many lines) beside a
/// main column whose first heading shares the name's baseline.
fn sparse_sidebar(gutter: f32, sidebar: &[&str]) -> Vec<Run> {
    let top = 70.0;
    let mut runs = vec![bold(44.0, top, 15.0, "Oriel Banerjee")];
    for (i, text) in sidebar.iter().enumerate() {
        let y = top + 20.0 + i as f32 * 13.0;
        runs.push(if text.chars().all(|c| c.is_ascii_uppercase()) {
            bold(44.0, y, 8.5, text)
        } else {
            at(44.0, y, 8.5, text)
        });
    }
    let main = [
        "WORK HISTORY",
        "Site Reliability Lead, Pemberton Rail, 2021 - now",
        "- Halved paging noise by merging duplicate alerts",
        "- Ran the quarterly failover drills for two regions",
        "Systems Engineer, Calloway Foods, 2016 - 2021",
        "- Automated the store network rollout with Ansible",
        "- Kept the warehouse scanners online through a move",
        "EDUCATION",
        "B.Eng. Computer Systems, Northgate Polytechnic",
    ];
    for (i, text) in main.iter().enumerate() {
        let y = top + i as f32 * 17.0;
        runs.push(if text.chars().all(|c| c.is_ascii_uppercase() || c == ' ') {
            bold(gutter, y, 11.0, text)
        } else {
            at(gutter, y, 9.0, text)
        });
    }
    runs
}

fn assert_read_as_two_columns(doc: &Document, sidebar_last: &str) {
    assert_eq!(doc.signals.columns.len(), 1, "{}", doc.text);
    assert_eq!(doc.lines[0].text, "Oriel Banerjee", "{}", doc.text);
    let heading = line_at(doc, "WORK HISTORY");
    assert!(
        line_at(doc, sidebar_last) < heading,
        "sidebar read whole first:\n{}",
        doc.text
    );
    assert_eq!(
        lines(doc)[heading..heading + 3],
        [
            "WORK HISTORY",
            "Site Reliability Lead, Pemberton Rail, 2021 - now",
            "- Halved paging noise by merging duplicate alerts"
        ]
    );
    assert!(
        doc.lines.iter().all(|l| l.region == Region::Body),
        "nothing here is a page header"
    );
}

#[test]
fn a_sparse_sidebar_of_one_word_items_is_a_column() {
    let sidebar = [
        "oriel@example.com",
        "(971) 555-0104",
        "",
        "STACK",
        "Ansible",
        "Prometheus",
        "Nginx",
        "Bash",
        "Consul",
        "Linux",
    ];
    let doc = read(vec![sparse_sidebar(236.0, &sidebar)]);
    assert_read_as_two_columns(&doc, "Linux");
}

/// One sidebar line (a long e-mail address) runs a little past the gutter on a band where the
/// main column is empty: still two columns.
#[test]
fn a_sidebar_line_overhanging_the_gutter_keeps_the_columns() {
    let sidebar = [
        "(971) 555-0104",
        "Salem, Oregon",
        "oriel.banerjee.work@example.com",
        "",
        "STACK",
        "Ansible and Salt",
        "Prometheus and Loki",
        "Nginx and HAProxy",
        "Bash and Python",
        "Consul and Vault",
    ];
    // The e-mail line (about 130 pt at 8.5 pt) ends past x = 44 + 110.
    let doc = read(vec![sparse_sidebar(154.0, &sidebar)]);
    let email = line_at(&doc, "oriel.banerjee.work@example.com");
    assert!(doc.lines[email].x + doc.lines[email].width > 154.0 + 5.0);
    assert_read_as_two_columns(&doc, "Consul and Vault");
}

/// A right column whose lines start at several x positions (outdented headings, indented
/// items), its baselines offset from the main column's.
#[test]
fn a_column_with_a_ragged_left_edge_is_a_column() {
    let mut runs = vec![
        bold(48.0, 58.0, 17.0, "Yusuf Oyelowo"),
        at(48.0, 76.0, 9.5, "yusuf.o@example.com | (412) 555-0161 | Pittsburgh, PA"),
    ];
    let main = [
        "EXPERIENCE",
        "Data Engineer, Bellwether Grain",
        "2019 - now",
        "- Rebuilt the harvest forecast on a nightly pipeline",
        "- Cut storage costs a third by pruning old snapshots",
        "Analyst, Foxglove Insurance",
        "2016 - 2019",
        "- Priced two regional flood products",
        "- Wrote the claims dashboard the adjusters use",
        "EDUCATION",
        "B.S. Mathematics, Allegheny State, 2016",
    ];
    for (i, text) in main.iter().enumerate() {
        runs.push(at(48.0, 104.0 + i as f32 * 15.0, 9.5, text));
    }
    let side: [(f32, &str); 10] = [
        (-10.0, "CERTIFICATES"),
        (0.0, "AWS Data Analytics"),
        (6.0, "dbt Fundamentals"),
        (0.0, "Snowflake Core"),
        (-10.0, "VOLUNTEERING"),
        (6.0, "Food bank routing"),
        (14.0, "Saturday shifts"),
        (0.0, "Coding club mentor"),
        (-4.0, "LANGUAGES"),
        (0.0, "English, Hausa, Portuguese"),
    ];
    for (i, (dx, text)) in side.iter().enumerate() {
        let run = at(392.0 + dx, 109.0 + i as f32 * 15.0, 8.5, text);
        runs.push(if text.chars().all(|c| c.is_ascii_uppercase()) {
            run.bold()
        } else {
            run
        });
    }
    let doc = read(vec![runs]);
    assert_eq!(doc.signals.columns.len(), 1, "{}", doc.text);
    let main_end = line_at(&doc, "B.S. Mathematics, Allegheny State, 2016");
    assert!(main_end < line_at(&doc, "CERTIFICATES"), "{}", doc.text);
    let side_lines: Vec<usize> = side.iter().map(|(_, t)| line_at(&doc, t)).collect();
    assert!(side_lines.windows(2).all(|w| w[1] == w[0] + 1), "{}", doc.text);
}

/// One column whose places and dates are right-aligned on the employer's and title's
/// baselines, the dates of equal width so that their left edges line up too: not two columns,
/// and every date stays on its entry's line.
#[test]
fn flush_right_dates_and_places_on_body_baselines_are_one_column() {
    let mut runs = vec![
        bold(50.0, 62.0, 19.0, "Dagny Okafor"),
        at(50.0, 82.0, 9.5, "dagny.okafor@example.com | (701) 555-0135 | Fargo, ND"),
        bold(50.0, 114.0, 12.0, "Employment"),
    ];
    let entries = [
        ("Prairie Ledger", "Bismarck, ND", "QA Engineer", "Mar 2022 - Aug 2024"),
        ("Tallgrass Health", "Fargo, ND", "Test Analyst", "Feb 2019 - Mar 2022"),
        (
            "Northwind Co-op",
            "Moorhead, MN",
            "Support Intern",
            "May 2018 - Jan 2019",
        ),
        (
            "Red River Transit",
            "Grand Forks, ND",
            "Help Desk",
            "Jun 2016 - May 2018",
        ),
    ];
    let mut y = 134.0;
    for (employer, place, title, dates) in entries {
        runs.push(bold(50.0, y, 10.0, employer));
        runs.push(flush_right(562.0, y, 10.0, place));
        runs.push(at(50.0, y + 14.0, 10.0, title));
        runs.push(flush_right(562.0, y + 14.0, 10.0, dates));
        runs.push(at(
            62.0,
            y + 28.0,
            10.0,
            "- Kept the regression suite green across releases",
        ));
        runs.push(at(62.0, y + 42.0, 10.0, "- Wrote test plans with the product owners"));
        y += 66.0;
    }
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    for (employer, place, title, dates) in entries {
        line_at(&doc, &format!("{employer} {place}"));
        let t = line_at(&doc, &format!("{title} {dates}"));
        assert_eq!(
            doc.lines[t + 1].text,
            "- Kept the regression suite green across releases"
        );
    }
}

/// A skills section set as a row of three cards inside a one-column page: read card by card,
/// the heading after the grid stays after it, and the page is not a multi-column page.
#[test]
fn a_grid_of_cards_inside_one_column_is_read_card_by_card_and_not_flagged() {
    let mut runs = vec![
        bold(44.0, 58.0, 19.0, "Keziah Morrow"),
        at(
            44.0,
            78.0,
            9.5,
            "keziah.morrow@example.com | (802) 555-0119 | Burlington, VT",
        ),
        bold(44.0, 110.0, 12.0, "Experience"),
        bold(44.0, 128.0, 10.0, "Backend Developer, Maplecrest Dairy, 2020 - Present"),
        at(
            54.0,
            144.0,
            10.0,
            "- Moved the order system from a monolith to four services",
        ),
        at(
            54.0,
            158.0,
            10.0,
            "- Cut checkout errors by half with idempotent payments",
        ),
        bold(44.0, 190.0, 12.0, "Toolbox"),
    ];
    let cards: [(&str, [&str; 6]); 3] = [
        (
            "Backend",
            [
                "Kotlin services",
                "Spring Boot",
                "gRPC contracts",
                "Redis caching",
                "Kafka consumers",
                "JVM profiling",
            ],
        ),
        (
            "Frontend",
            [
                "React hooks",
                "Vite builds",
                "Storybook docs",
                "Playwright runs",
                "CSS grid work",
                "Web vitals",
            ],
        ),
        (
            "Operations",
            [
                "Nomad jobs",
                "Packer images",
                "Loki queries",
                "Pager rotas",
                "Chaos drills",
                "Cost reports",
            ],
        ),
    ];
    for (x, (title, items)) in [46.0, 230.0, 414.0].into_iter().zip(cards) {
        runs.push(bold(x, 208.0, 10.0, title));
        for (i, item) in items.iter().enumerate() {
            runs.push(at(x, 224.0 + i as f32 * 14.0, 10.0, item));
        }
    }
    runs.push(bold(44.0, 332.0, 12.0, "Education"));
    runs.push(at(
        44.0,
        348.0,
        10.0,
        "B.S. Computer Science, Champlain Valley University, 2016 - 2020",
    ));
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    let mut last = line_at(&doc, "Toolbox");
    for (title, items) in cards {
        for text in std::iter::once(title).chain(items) {
            let i = line_at(&doc, text);
            assert_eq!(i, last + 1, "card by card, in order:\n{}", doc.text);
            last = i;
        }
    }
    assert_eq!(line_at(&doc, "Education"), last + 1, "{}", doc.text);
}

/// Jobs with flush-right dates, whose bullet lines run past where the dates start, then a row
/// of cards that ends the page: one column with a grid at its foot. The dates stay with their
/// titles, the cards are read card by card, and nothing is flagged.
#[test]
fn flush_right_dates_above_a_grid_at_the_foot_of_the_page_are_one_column() {
    let mut runs = vec![
        bold(48.0, 60.0, 20.0, "Sunita Achterberg"),
        at(48.0, 80.0, 9.5, "sunita.a@example.com | (651) 555-0109 | Duluth, MN"),
        bold(48.0, 112.0, 12.0, "Experience"),
    ];
    let jobs = [
        ("Platform Engineer, Ore Dock Systems", "2021 - 2024"),
        ("Build Engineer, Larchmont Games", "2018 - 2021"),
        ("Junior Developer, Kettle River Co-op", "2016 - 2018"),
    ];
    let mut y = 132.0;
    for (title, dates) in jobs {
        runs.push(bold(48.0, y, 10.0, title));
        runs.push(flush_right(560.0, y, 10.0, dates));
        runs.push(at(
            60.0,
            y + 14.0,
            10.0,
            "- Cut the nightly build from ninety minutes to twenty by caching artefacts",
        ));
        runs.push(at(60.0, y + 28.0, 10.0, "- Wrote the release checklist"));
        y += 48.0;
    }
    runs.push(bold(48.0, y + 10.0, 12.0, "Skills"));
    let cards: [(&str, [&str; 5]); 3] = [
        (
            "Build",
            [
                "Bazel rules",
                "Gradle caches",
                "Make targets",
                "Nix shells",
                "Ccache tuning",
            ],
        ),
        (
            "Cloud",
            [
                "GKE clusters",
                "Cloud Run",
                "Pub/Sub topics",
                "IAM reviews",
                "Budget alerts",
            ],
        ),
        (
            "Team",
            [
                "Code review",
                "Mentoring",
                "Design docs",
                "Incident notes",
                "Hiring loops",
            ],
        ),
    ];
    for (x, (title, items)) in [50.0, 236.0, 420.0].into_iter().zip(cards) {
        runs.push(bold(x, y + 30.0, 10.0, title));
        for (i, item) in items.iter().enumerate() {
            runs.push(at(x, y + 45.0 + i as f32 * 14.0, 10.0, item));
        }
    }
    let doc = read(vec![runs]);
    assert!(doc.signals.columns.is_empty(), "{}", doc.text);
    for (title, dates) in jobs {
        line_at(&doc, &format!("{title} {dates}"));
    }
    let mut last = line_at(&doc, "Skills");
    for (title, items) in cards {
        for text in std::iter::once(title).chain(items) {
            let i = line_at(&doc, text);
            assert_eq!(i, last + 1, "card by card, in order:\n{}", doc.text);
            last = i;
        }
    }
}

/// Two pages whose second starts with a section heading, then a gap: nothing repeats and page 1
/// has nothing at that height, so it is body text.
#[test]
fn a_heading_at_the_top_of_page_two_is_not_a_running_header() {
    let mut p1 = vec![
        bold(54.0, 70.0, 18.0, "Lucan Ferreira-Hale"),
        at(54.0, 90.0, 10.0, "lucan.fh@example.com | (505) 555-0170"),
        bold(54.0, 124.0, 10.0, "EXPERIENCE"),
    ];
    for i in 0..40 {
        p1.push(at(
            64.0,
            142.0 + i as f32 * 15.0,
            10.0,
            &format!("- Shipped release {i} of the dispatch tools"),
        ));
    }
    let p2 = vec![
        bold(54.0, 46.0, 10.0, "CERTIFICATIONS"),
        at(54.0, 70.0, 10.0, "Certified Logistics Associate, 2019"),
        bold(54.0, 100.0, 10.0, "SKILLS"),
        at(54.0, 118.0, 10.0, "Routing, SQL, Excel"),
    ];
    let doc = read(vec![p1, p2]);
    assert!(doc.signals.header_footer.is_empty(), "{:?}", doc.signals.header_footer);
    assert!(doc.lines.iter().all(|l| l.region == Region::Body));
}

/// A name set large near the top edge with a contact line under it, then a gap (as academic
/// templates set it): the document's title, not a page header.
#[test]
fn a_large_name_near_the_top_edge_then_a_gap_is_not_a_header() {
    let runs = vec![
        bold(230.0, 44.0, 22.0, "Anouk Lindgren"),
        at(
            180.0,
            60.0,
            9.5,
            "anouk.l@example.com | (617) 555-0153 | github.com/anoukl",
        ),
        bold(50.0, 90.0, 11.0, "Research"),
        at(50.0, 106.0, 9.5, "Graduate Researcher, Harwell Institute, 2021 - 2024"),
        bold(50.0, 132.0, 11.0, "Education"),
        at(50.0, 148.0, 9.5, "M.Sc. Physics, Lakeview University, 2021"),
    ];
    let doc = read(vec![runs]);
    assert!(doc.signals.header_footer.is_empty(), "{:?}", doc.signals.header_footer);
}

/// Near miss: on a one-page document, a small block at body size set apart at the top (a word
/// processor's page header) is still a header.
#[test]
fn a_small_block_set_apart_at_the_top_of_one_page_is_a_header() {
    let runs = vec![
        bold(72.0, 44.0, 10.0, "Tomasz Reyes"),
        at(72.0, 56.0, 10.0, "tomasz.reyes@example.com | 303-555-0112"),
        at(72.0, 84.0, 10.0, "Warehouse Supervisor"),
        bold(72.0, 110.0, 12.0, "Experience"),
        at(72.0, 126.0, 10.0, "Shift Lead, Boulder Freight, 2019 - 2024"),
        at(72.0, 140.0, 10.0, "Led a crew of twelve on the night shift"),
    ];
    let doc = read(vec![runs]);
    let header: Vec<&str> = doc
        .lines
        .iter()
        .filter(|l| l.region == Region::Header)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(header, ["Tomasz Reyes", "tomasz.reyes@example.com | 303-555-0112"]);
}

/// A sidebar set 2 pt from the main column (as paracol can set it), whose longest lines run
/// to within 2 pt of the column, beside a main column whose bullets hang out into that narrow
/// gutter: still two columns, the sidebar read whole first and each bullet line whole.
#[test]
fn a_sidebar_two_points_from_a_column_with_hanging_bullets_is_a_column() {
    let body = 212.0;
    let mut runs = vec![bold(44.0, 60.0, 14.0, "Odile Faraday-Brandt")];
    let sidebar = [
        "odile.faraday@example.com",
        "+44 20 7946 0321",
        "Leeds, UK",
        "Skills",
        "Forecasting",
        "Treasury",
        "Consolidation",
        "Languages",
        "English (native), French (fluent), Polish",
        "(basic)",
    ];
    for (i, text) in sidebar.iter().enumerate() {
        let top = 90.0 + i as f32 * 12.0;
        // The longest line ends 2 pt short of the column, as a full sidebar line does.
        runs.push(if text.starts_with("English") {
            flush_right(body - 2.0, top, 10.0, text)
        } else {
            at(44.0, top, 10.0, text)
        });
    }
    let main = [
        ("#", "Employment History"),
        ("", "Group Controller, Harrowgate Logistics, 2021 - now"),
        ("-", "Closed the quarter in four days instead of nine"),
        ("-", "Moved the lease schedules for 140 sites into one ledger"),
        ("", "Senior Analyst, Tamarack Freight, 2017 - 2021"),
        ("-", "Modelled the acquisition of a regional distributor"),
        ("-", "Led the migration from spreadsheets to the new ERP"),
    ];
    for (i, (kind, text)) in main.iter().enumerate() {
        let top = 62.5 + i as f32 * 12.5;
        match *kind {
            "#" => runs.push(bold(body, top, 12.0, text)),
            // The bullet hangs 2.7 pt left of the column's edge, its text a little right of it.
            "-" => {
                runs.push(at(body - 2.7, top, 10.0, "\u{2022}"));
                runs.push(at(body + 6.0, top, 10.0, text));
            }
            _ => runs.push(at(body, top, 10.0, text)),
        }
    }
    let doc = read(vec![runs]);
    assert_eq!(doc.signals.columns.len(), 1, "{}", doc.text);
    assert!(
        line_at(&doc, "(basic)") < line_at(&doc, "Employment History"),
        "sidebar read whole first:\n{}",
        doc.text
    );
    for (kind, text) in &main[1..] {
        let line = &doc.lines[line_at(&doc, text)];
        assert_eq!(line.bullet, *kind == "-", "{text}");
    }
}

/// A rail label wrapped at a hyphen ("Cross-" / "Functional Work", as a narrow column breaks an
/// e-mail address or a compound) is read whole with its hyphen and no space, as a hyphenated
/// line is joined with the next; a label wrapped at a space keeps its space.
#[test]
fn a_rail_label_wrapped_at_a_hyphen_is_joined_without_a_space() {
    let (rail_right, body) = (150.0, 170.0);
    let mut runs = contact_block_beside_a_title(rail_right, body);
    runs.extend([
        flush_right(rail_right, 192.0, 13.0, "Summary"),
        at(body, 192.0, 10.0, "Hydrologist who models floods for small towns."),
        flush_right(rail_right, 226.0, 13.0, "Cross-"),
        flush_right(rail_right, 241.0, 13.0, "Functional Work"),
        at(
            body,
            226.0,
            10.0,
            "Liaison, Clearwater Basin Authority, Lewiston, Idaho",
        ),
        at(body, 240.0, 10.0, "- Ran the joint flood drills of four counties"),
        flush_right(rail_right, 276.0, 13.0, "Work"),
        flush_right(rail_right, 291.0, 13.0, "Record"),
        at(body, 276.0, 10.0, "Engineer, Owyhee Irrigation District"),
        at(body, 290.0, 10.0, "- Mapped 300 miles of canals for the first time"),
    ]);
    let doc = read(vec![runs]);
    assert_eq!(
        line_at(&doc, "Cross-Functional Work") + 1,
        line_at(&doc, "Liaison, Clearwater Basin Authority, Lewiston, Idaho"),
        "{}",
        doc.text
    );
    assert_eq!(
        line_at(&doc, "Work Record") + 1,
        line_at(&doc, "Engineer, Owyhee Irrigation District")
    );
}

/// A sidebar set close to the main column whose pieces share baselines with the column's
/// headings and end closer to them than a segment gap (a name 6 pt from "Professional
/// Summary", a wrapped label 2 pt from "Education & Training"): each is cut at the gutter,
/// the sidebar read whole first, and each heading a line of its own.
#[test]
fn a_sidebar_piece_a_few_points_from_a_main_column_heading_is_cut_at_the_gutter() {
    let body = 200.0;
    let size = 10.0;
    let sidebar = [
        (0, "Mireille Okonkwo-Sande"),
        (1, "mireille.sande@example.org"),
        (2, "+1 415 555 0199"),
        (3, "Portland, Oregon"),
        (4, "Skills"),
        (5, "Budgeting"),
        (6, "Vendor management"),
        (7, "Open-"),
        (8, "source tooling"),
    ];
    let main = [
        (0, true, "Professional Summary"),
        (1, false, "Operations manager with ten years in logistics"),
        (2, false, "and a record of cutting costs without cutting service"),
        (3, false, "across three regional warehouses and their fleets"),
        (4, false, "Led the move of the returns desk to one shared site"),
        (5, false, "Cut the fleet's idle hours by a third in two years"),
        (6, false, "Hired and trained a team of twelve dispatchers"),
        (7, true, "Education & Training"),
        (8, false, "B.Sc. Supply Chain Management, Willamette State"),
    ];
    let mut runs = Vec::new();
    for (row, text) in sidebar {
        let top = 80.0 + row as f32 * 14.0;
        // The name ends 6 pt short of the column, the hyphenated label 2 pt short: both closer
        // than a segment gap.
        runs.push(match row {
            0 => flush_right(body - 6.0, top, size, text),
            7 => flush_right(body - 2.0, top, size, text),
            _ => at(44.0, top, size, text),
        });
    }
    for (row, heading, text) in main {
        let top = 80.0 + row as f32 * 14.0;
        runs.push(if heading {
            bold(body, top, size, text)
        } else {
            at(body, top, size, text)
        });
    }
    let doc = read(vec![runs]);
    assert_eq!(doc.signals.columns.len(), 1, "{}", doc.text);
    // The hyphenated label is rejoined with its next line, as any hyphenated line is.
    for (_, text) in &sidebar[..8] {
        assert!(
            doc.lines.iter().any(|l| l.text.starts_with(text)),
            "{text:?} a line of its own:\n{}",
            doc.text
        );
    }
    for heading in ["Professional Summary", "Education & Training"] {
        assert!(
            line_at(&doc, "tooling") < line_at(&doc, heading),
            "sidebar read whole before {heading:?}:\n{}",
            doc.text
        );
    }
    assert_eq!(
        line_at(&doc, "Education & Training") + 1,
        line_at(&doc, main[8].2),
        "{}",
        doc.text
    );
}
