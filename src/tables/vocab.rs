//! The one vocabulary of the report's tables.
//!
//! Every row of the three tables, in the order of `SCHEMA.md`, with its flat
//! key, its label in the template, the key words that recognise the label in
//! scraped text, its columns, and the arithmetic rules between rows and
//! columns. Label matching, the flat keys, the CSV header, the checks and the
//! documentation all read these tables; nothing else in the crate spells a
//! label or a key.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which of the three tables of figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TableKind {
    /// Table 二, 主动公开政府信息情况 (article-20 proactive disclosure).
    #[doc(alias = "主动公开")]
    Active,
    /// Table 三, 收到和处理政府信息公开申请情况 (requests by applicant type).
    #[doc(alias = "依申请公开")]
    Requests,
    /// Table 四, 政府信息公开行政复议、行政诉讼情况 (review and litigation).
    #[doc(alias = "行政复议")]
    Appeals,
}

impl TableKind {
    /// All tables, in the order the report prints them.
    pub const ALL: [TableKind; 3] = [TableKind::Active, TableKind::Requests, TableKind::Appeals];

    /// The section (1-based, 一 = 1) whose body holds this table.
    pub fn section(self) -> usize {
        match self {
            TableKind::Active => 2,
            TableKind::Requests => 3,
            TableKind::Appeals => 4,
        }
    }

    /// The most cells a row of this table has (in the 2021 layout; table
    /// 三's rows and table 四's one row have as many in both).
    pub(crate) fn width(self) -> usize {
        RowKey::layout(self, Template::Y2021).map(|k| k.columns().len()).max().unwrap_or(0)
    }
}

/// The version of the national template a report's tables follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Template {
    /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
    #[serde(rename = "2019")]
    Y2019,
    /// 国办公开办函〔2021〕30号, used from the 2021 reports on.
    #[serde(rename = "2021")]
    Y2021,
}

impl Template {
    /// The template's name as the flat record writes it: `"2019"` or `"2021"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Y2019 => "2019",
            Template::Y2021 => "2021",
        }
    }
}

/// What kind of figure a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// A count of items or cases (件): a non-negative integer.
    Count,
    /// A signed change (本年增/减): an integer that may be negative.
    Change,
    /// Money in 万元, possibly with decimals; cells in 元 are converted.
    Money,
}

/// One column of a table.
#[derive(Debug)]
#[non_exhaustive]
pub struct ColumnSpec {
    /// The last part of the flat key, e.g. `natural` or `review.upheld`.
    pub key: &'static str,
    /// The header label in the template.
    pub label: &'static str,
    /// A distinctive part of the header label, on normalized text, that
    /// tells the template apart; empty where the header is in both.
    pub marker: &'static str,
    /// What the column holds.
    pub unit: Unit,
}

const fn col(key: &'static str, label: &'static str, marker: &'static str, unit: Unit) -> ColumnSpec {
    ColumnSpec { key, label, marker, unit }
}

use Unit::{Change, Count, Money};

const ART_2019_1: &[ColumnSpec] = &[
    col("made", "本年新制作数量", "本年新制作", Count),
    col("published", "本年新公开数量", "本年新公开", Count),
    col("total", "对外公开总数量", "对外公开总", Count),
];
const ART_2019_ITEMS: &[ColumnSpec] = &[
    col("previous", "上一年项目数量", "上一年项目", Count),
    col("change", "本年增/减", "本年增", Change),
    col("decisions", "处理决定数量", "", Count),
];
const ART_2019_FEES: &[ColumnSpec] =
    &[col("previous", "上一年项目数量", "上一年项目", Count), col("change", "本年增/减", "本年增", Change)];
const ART_2019_PROCUREMENT: &[ColumnSpec] =
    &[col("projects", "采购项目数量", "采购项目数", Count), col("amount", "采购总金额", "采购总金额", Money)];
const ART_2021_1: &[ColumnSpec] = &[
    col("issued", "本年制发件数", "本年制发", Count),
    col("repealed", "本年废止件数", "本年废止", Count),
    col("in_force", "现行有效件数", "现行有效", Count),
];
const ART_2021_DECISIONS: &[ColumnSpec] = &[col("decisions", "本年处理决定数量", "本年处理决定", Count)];
const ART_2021_FEES: &[ColumnSpec] = &[col("amount", "本年收费金额（单位：万元）", "本年收费金额", Money)];

/// The seven columns of table 三, in the report's order.
pub const APPLICANTS: &[ColumnSpec] = &[
    col("natural", "自然人", "", Count),
    col("commercial", "法人或其他组织 / 商业企业", "", Count),
    col("research", "法人或其他组织 / 科研机构", "", Count),
    col("nonprofit", "法人或其他组织 / 社会公益组织", "", Count),
    col("legal", "法人或其他组织 / 法律服务机构", "", Count),
    col("other_org", "法人或其他组织 / 其他", "", Count),
    col("total", "总计", "", Count),
];

/// The fifteen columns of table 四, in the report's order.
pub const APPEALS: &[ColumnSpec] = &[
    col("review.upheld", "行政复议 / 结果维持", "", Count),
    col("review.corrected", "行政复议 / 结果纠正", "", Count),
    col("review.other", "行政复议 / 其他结果", "", Count),
    col("review.pending", "行政复议 / 尚未审结", "", Count),
    col("review.total", "行政复议 / 总计", "", Count),
    col("suit_direct.upheld", "行政诉讼 / 未经复议直接起诉 / 结果维持", "", Count),
    col("suit_direct.corrected", "行政诉讼 / 未经复议直接起诉 / 结果纠正", "", Count),
    col("suit_direct.other", "行政诉讼 / 未经复议直接起诉 / 其他结果", "", Count),
    col("suit_direct.pending", "行政诉讼 / 未经复议直接起诉 / 尚未审结", "", Count),
    col("suit_direct.total", "行政诉讼 / 未经复议直接起诉 / 总计", "", Count),
    col("suit_after_review.upheld", "行政诉讼 / 复议后起诉 / 结果维持", "", Count),
    col("suit_after_review.corrected", "行政诉讼 / 复议后起诉 / 结果纠正", "", Count),
    col("suit_after_review.other", "行政诉讼 / 复议后起诉 / 其他结果", "", Count),
    col("suit_after_review.pending", "行政诉讼 / 复议后起诉 / 尚未审结", "", Count),
    col("suit_after_review.total", "行政诉讼 / 复议后起诉 / 总计", "", Count),
];

/// Which templates a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Layout {
    /// In both templates.
    Both,
    /// Only in the 2019 template.
    Only(Template),
}

/// How a row's label is recognised, on normalized text with its ordinal
/// (`（一）`, `1.`, `三、`) removed.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Match {
    /// The label contains one of these.
    Contains(&'static [&'static str]),
    /// The label starts with this.
    Prefix(&'static str),
    /// The label is exactly this; only recognised where the row is due
    /// (`其他`, `总计` are also column headers).
    Exact(&'static str),
    /// The row has no label (table 四's one row of figures).
    Unlabelled,
}

/// One row of a table.
#[derive(Debug)]
#[non_exhaustive]
pub struct RowSpec {
    /// The flat key's row part, e.g. `requests.denied.state_secret`.
    pub key: &'static str,
    /// The table it belongs to.
    pub table: TableKind,
    /// The templates that have it.
    pub layout: Layout,
    /// The label in the template, with its group labels before a ` / `.
    pub label: &'static str,
    /// How its label is recognised.
    pub matcher: Match,
    /// Its columns.
    pub columns: &'static [ColumnSpec],
    /// Its part in the table's arithmetic.
    pub role: Role,
}

/// A row's part in the report's own arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// A row of table 二: no rule.
    Item,
    /// `一、本年新收…`: left side of the balance rule.
    Received,
    /// `二、上年结转…`: left side of the balance rule.
    CarriedOver,
    /// A result row, `（一）` to `（六）`: summed into `（七）总计`.
    Outcome,
    /// `（七）总计`: the sum of the result rows; right side of the balance.
    HandledTotal,
    /// `四、结转下年度继续办理`: right side of the balance rule.
    CarriedForward,
    /// Table 四's row: each block's `总计` is the sum of its four outcomes.
    Appeals,
}

const fn row(
    key: &'static str,
    table: TableKind,
    layout: Layout,
    label: &'static str,
    matcher: Match,
    columns: &'static [ColumnSpec],
) -> RowSpec {
    let role = match table {
        TableKind::Active => Role::Item,
        TableKind::Appeals => Role::Appeals,
        TableKind::Requests => Role::Outcome,
    };
    RowSpec { key, table, layout, label, matcher, columns, role }
}

const fn with_role(mut spec: RowSpec, role: Role) -> RowSpec {
    spec.role = role;
    spec
}

use Layout::{Both, Only};
use Match::{Contains, Exact, Prefix, Unlabelled};
use TableKind::{Active, Appeals, Requests};
use Template::{Y2019, Y2021};

const R: TableKind = Requests;

/// Every row of every table, in the order of `SCHEMA.md`.
pub static ROWS: &[RowSpec] = &[
    // Table 二, 2019 template.
    row("active.rules", Active, Only(Y2019), "第二十条第（一）项 / 规章", Prefix("规章"), ART_2019_1),
    row(
        "active.normative",
        Active,
        Only(Y2019),
        "第二十条第（一）项 / 规范性文件",
        Contains(&["规范性文件"]),
        ART_2019_1,
    ),
    row(
        "active.licensing",
        Active,
        Only(Y2019),
        "第二十条第（五）项 / 行政许可",
        Contains(&["行政许可"]),
        ART_2019_ITEMS,
    ),
    row(
        "active.other_services",
        Active,
        Only(Y2019),
        "第二十条第（五）项 / 其他对外管理服务事项",
        Contains(&["其他对外管理"]),
        ART_2019_ITEMS,
    ),
    row(
        "active.penalty",
        Active,
        Only(Y2019),
        "第二十条第（六）项 / 行政处罚",
        Contains(&["行政处罚"]),
        ART_2019_ITEMS,
    ),
    row(
        "active.coercion",
        Active,
        Only(Y2019),
        "第二十条第（六）项 / 行政强制",
        Contains(&["行政强制"]),
        ART_2019_ITEMS,
    ),
    row(
        "active.fees",
        Active,
        Only(Y2019),
        "第二十条第（八）项 / 行政事业性收费",
        Contains(&["行政事业性收"]),
        ART_2019_FEES,
    ),
    row(
        "active.procurement",
        Active,
        Only(Y2019),
        "第二十条第（九）项 / 政府集中采购",
        Contains(&["政府集中采"]),
        ART_2019_PROCUREMENT,
    ),
    // Table 二, 2021 template.
    row("active.rules", Active, Only(Y2021), "第二十条第（一）项 / 规章", Prefix("规章"), ART_2021_1),
    row(
        "active.normative",
        Active,
        Only(Y2021),
        "第二十条第（一）项 / 行政规范性文件",
        Contains(&["规范性文件"]),
        ART_2021_1,
    ),
    row(
        "active.licensing",
        Active,
        Only(Y2021),
        "第二十条第（五）项 / 行政许可",
        Contains(&["行政许可"]),
        ART_2021_DECISIONS,
    ),
    row(
        "active.penalty",
        Active,
        Only(Y2021),
        "第二十条第（六）项 / 行政处罚",
        Contains(&["行政处罚"]),
        ART_2021_DECISIONS,
    ),
    row(
        "active.coercion",
        Active,
        Only(Y2021),
        "第二十条第（六）项 / 行政强制",
        Contains(&["行政强制"]),
        ART_2021_DECISIONS,
    ),
    row(
        "active.fees",
        Active,
        Only(Y2021),
        "第二十条第（八）项 / 行政事业性收费",
        Contains(&["行政事业性收"]),
        ART_2021_FEES,
    ),
    // Table 三.
    with_role(
        row("requests.received", R, Both, "一、本年新收政府信息公开申请数量", Contains(&["本年新收"]), APPLICANTS),
        Role::Received,
    ),
    with_role(
        row("requests.carried_over", R, Both, "二、上年结转政府信息公开申请数量", Contains(&["上年结转"]), APPLICANTS),
        Role::CarriedOver,
    ),
    row("requests.granted", R, Both, "三、本年度办理结果 / （一）予以公开", Contains(&["予以公开"]), APPLICANTS),
    row(
        "requests.partly_granted",
        R,
        Both,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        Prefix("部分公开"),
        APPLICANTS,
    ),
    row(
        "requests.denied.state_secret",
        R,
        Both,
        "（三）不予公开 / 1.属于国家秘密",
        Contains(&["国家秘密"]),
        APPLICANTS,
    ),
    row(
        "requests.denied.prohibited",
        R,
        Both,
        "2.其他法律行政法规禁止公开",
        Contains(&["法律行政法", "禁止公开"]),
        APPLICANTS,
    ),
    row("requests.denied.security", R, Both, "3.危及“三安全一稳定”", Contains(&["三安全", "危及"]), APPLICANTS),
    row("requests.denied.third_party", R, Both, "4.保护第三方合法权益", Contains(&["第三方"]), APPLICANTS),
    row("requests.denied.internal", R, Both, "5.属于三类内部事务信息", Contains(&["内部事务", "三类内部"]), APPLICANTS),
    row("requests.denied.deliberative", R, Both, "6.属于四类过程性信息", Contains(&["过程性", "四类过程"]), APPLICANTS),
    row(
        "requests.denied.enforcement",
        R,
        Both,
        "7.属于行政执法案卷",
        Contains(&["执法案卷", "行政执法案"]),
        APPLICANTS,
    ),
    row("requests.denied.inquiry", R, Both, "8.属于行政查询事项", Contains(&["行政查询"]), APPLICANTS),
    row(
        "requests.unavailable.not_held",
        R,
        Both,
        "（四）无法提供 / 1.本机关不掌握相关政府信息",
        Contains(&["不掌握"]),
        APPLICANTS,
    ),
    row(
        "requests.unavailable.needs_creation",
        R,
        Both,
        "2.没有现成信息需要另行制作",
        Contains(&["另行制作", "没有现成"]),
        APPLICANTS,
    ),
    row(
        "requests.unavailable.unclear",
        R,
        Both,
        "3.补正后申请内容仍不明确",
        Contains(&["补正后", "仍不明确"]),
        APPLICANTS,
    ),
    row(
        "requests.not_processed.complaint",
        R,
        Both,
        "（五）不予处理 / 1.信访举报投诉类申请",
        Contains(&["信访举报"]),
        APPLICANTS,
    ),
    row("requests.not_processed.repeated", R, Both, "2.重复申请", Contains(&["重复申请"]), APPLICANTS),
    row(
        "requests.not_processed.publication",
        R,
        Both,
        "3.要求提供公开出版物",
        Contains(&["公开出版物", "要求提供公开"]),
        APPLICANTS,
    ),
    row(
        "requests.not_processed.excessive",
        R,
        Both,
        "4.无正当理由大量反复申请",
        Contains(&["大量反复", "理由大量"]),
        APPLICANTS,
    ),
    row(
        "requests.not_processed.confirmation",
        R,
        Both,
        "5.要求行政机关确认或重新出具已获取信息",
        Contains(&["重新出具", "确认或重新", "要求行政机关"]),
        APPLICANTS,
    ),
    row("requests.other", R, Only(Y2019), "（六）其他处理", Contains(&["其他处理"]), APPLICANTS),
    row(
        "requests.other.no_correction",
        R,
        Only(Y2021),
        "（六）其他处理 / 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        Contains(&["逾期不补", "不补正", "申请人无正当"]),
        APPLICANTS,
    ),
    row(
        "requests.other.unpaid_fee",
        R,
        Only(Y2021),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        Contains(&["收费通知", "逾期未按", "缴纳费用"]),
        APPLICANTS,
    ),
    row("requests.other.misc", R, Only(Y2021), "3.其他", Exact("其他"), APPLICANTS),
    with_role(row("requests.handled_total", R, Both, "（七）总计", Exact("总计"), APPLICANTS), Role::HandledTotal),
    with_role(
        row(
            "requests.carried_forward",
            R,
            Both,
            "四、结转下年度继续办理",
            Contains(&["结转下年度", "下年度继续"]),
            APPLICANTS,
        ),
        Role::CarriedForward,
    ),
    // Table 四.
    APPEALS_ROW,
];

/// Table 四's one row, which has no label.
const APPEALS_ROW: RowSpec = row("appeals", Appeals, Both, "", Unlabelled, APPEALS);

/// A label that groups rows without figures of its own: the captions of
/// table 二's blocks and the spanning labels of table 三.
#[derive(Debug)]
#[non_exhaustive]
pub struct GroupSpec {
    /// The table it belongs to.
    pub table: TableKind,
    /// The label in the template.
    pub label: &'static str,
    /// How it is recognised.
    pub matcher: Match,
}

/// Every group label.
pub static GROUPS: &[GroupSpec] = &[
    GroupSpec { table: Active, label: "第二十条第（X）项", matcher: Contains(&["第二十条"]) },
    GroupSpec { table: Requests, label: "三、本年度办理结果", matcher: Contains(&["本年度办理结果"]) },
    GroupSpec { table: Requests, label: "（三）不予公开", matcher: Exact("不予公开") },
    GroupSpec { table: Requests, label: "（四）无法提供", matcher: Exact("无法提供") },
    GroupSpec { table: Requests, label: "（五）不予处理", matcher: Exact("不予处理") },
    GroupSpec { table: Requests, label: "（六）其他处理", matcher: Exact("其他处理") },
];

/// A rule of the report's own arithmetic: `lhs` equals the sum of `rhs`.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum RuleKind {
    /// Per row of table 三 (R3): `total` is the sum of the six applicant columns.
    RowTotal,
    /// Per column of table 三 (R2): `(七)总计` is the sum of the result rows.
    HandledTotal,
    /// Per column of table 三 (R1): `一 + 二 = (七) + 四`.
    Balance,
    /// Per kind of table 四 (T4-1): `总计` is the sum of the four outcomes.
    AppealTotal,
}

impl RuleKind {
    /// The rule's name in diagnostics, as the truth files name it.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::RowTotal => "requests.row_total",
            RuleKind::HandledTotal => "requests.handled_total",
            RuleKind::Balance => "requests.balance",
            RuleKind::AppealTotal => "appeals.total",
        }
    }
}

/// One instance of a rule: the sum of the `lhs` cells equals the sum of
/// the `rhs` cells. Cells are `(row, column)` positions in the rows the
/// rule was made for.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Rule {
    /// Which rule.
    pub kind: RuleKind,
    /// Its name, e.g. `requests.row_total.granted` or `appeals.total.review`.
    pub name: String,
    /// The cells on the left side.
    pub lhs: Vec<(usize, usize)>,
    /// The cells on the right side.
    pub rhs: Vec<(usize, usize)>,
}

/// The rules of the report's own arithmetic (FORMAT.md §3.3 R1–R3, §4
/// T4-1) over `rows`, the rows of one table in the order given.
///
/// ```
/// use xxgk::vocab::{rules, RowKey, TableKind, Template};
/// let rows: Vec<RowKey> = RowKey::layout(TableKind::Requests, Template::Y2021).collect();
/// let r = rules(&rows);
/// // R3 per row, then R2 and R1 per column.
/// assert_eq!(r.len(), 25 + 7 + 7);
/// assert_eq!(r[0].name, "requests.row_total.received");
/// ```
pub fn rules(rows: &[RowKey]) -> Vec<Rule> {
    build_rules(rows)
}

/// The rules of one table laid out by one template (as [`rules`] over
/// [`RowKey::layout`]), built once.
pub fn layout_rules(table: TableKind, template: Template) -> &'static [Rule] {
    static CACHE: std::sync::OnceLock<Vec<Vec<Rule>>> = std::sync::OnceLock::new();
    let all = CACHE.get_or_init(|| {
        TableKind::ALL
            .iter()
            .flat_map(|&t| [Template::Y2019, Template::Y2021].map(move |tpl| (t, tpl)))
            .map(|(t, tpl)| {
                let rows: Vec<RowKey> = RowKey::layout(t, tpl).collect();
                build_rules(&rows)
            })
            .collect()
    });
    let ti = TableKind::ALL.iter().position(|&t| t == table).unwrap_or(0);
    let k = ti * 2 + usize::from(template == Template::Y2021);
    all.get(k).map_or(&[], Vec::as_slice)
}

fn build_rules(rows: &[RowKey]) -> Vec<Rule> {
    let mut out = Vec::new();
    let find = |role: Role| rows.iter().position(|r| r.spec().role == role);
    for (i, r) in rows.iter().enumerate() {
        let spec = r.spec();
        match spec.role {
            Role::Appeals => {
                for (k, block) in spec.columns.chunks(5).enumerate() {
                    if block.len() == 5 {
                        let kind = block.first().and_then(|c| c.key.split('.').next()).unwrap_or("");
                        out.push(Rule {
                            kind: RuleKind::AppealTotal,
                            name: format!("appeals.total.{kind}"),
                            lhs: vec![(i, 5 * k + 4)],
                            rhs: (0..4).map(|j| (i, 5 * k + j)).collect(),
                        });
                    }
                }
            }
            Role::Item => {}
            _ => {
                let n = spec.columns.len();
                let name = spec.key.strip_prefix("requests.").unwrap_or(spec.key);
                out.push(Rule {
                    kind: RuleKind::RowTotal,
                    name: format!("requests.row_total.{name}"),
                    lhs: vec![(i, n - 1)],
                    rhs: (0..n - 1).map(|c| (i, c)).collect(),
                });
            }
        }
    }
    if let Some(total) = find(Role::HandledTotal) {
        let outcomes: Vec<usize> =
            rows.iter().enumerate().filter(|(_, r)| r.spec().role == Role::Outcome).map(|(i, _)| i).collect();
        for (c, col) in APPLICANTS.iter().enumerate() {
            out.push(Rule {
                kind: RuleKind::HandledTotal,
                name: format!("requests.handled_total.{}", col.key),
                lhs: vec![(total, c)],
                rhs: outcomes.iter().map(|&r| (r, c)).collect(),
            });
        }
        if let (Some(rec), Some(co), Some(cf)) =
            (find(Role::Received), find(Role::CarriedOver), find(Role::CarriedForward))
        {
            for (c, col) in APPLICANTS.iter().enumerate() {
                out.push(Rule {
                    kind: RuleKind::Balance,
                    name: format!("requests.balance.{}", col.key),
                    lhs: vec![(rec, c), (co, c)],
                    rhs: vec![(total, c), (cf, c)],
                });
            }
        }
    }
    out
}

/// A handle to a row of [`ROWS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey(u16);

impl RowKey {
    /// The row's specification.
    pub fn spec(self) -> &'static RowSpec {
        // The index always comes from `ROWS`; the fallback (table 四's row)
        // only keeps the library free of indexing panics.
        ROWS.get(usize::from(self.0)).unwrap_or(&APPEALS_ROW)
    }

    /// The row's flat key prefix, e.g. `requests.granted`.
    pub fn as_str(self) -> &'static str {
        self.spec().key
    }

    /// The row's columns.
    pub fn columns(self) -> &'static [ColumnSpec] {
        self.spec().columns
    }

    /// The flat key of the row's column `col`, e.g.
    /// `requests.granted.natural` (built once for every row).
    pub fn cell_key(self, col: usize) -> Option<&'static str> {
        static KEYS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
        let keys = KEYS.get_or_init(|| {
            ROWS.iter().map(|r| r.columns.iter().map(|c| format!("{}.{}", r.key, c.key)).collect()).collect()
        });
        keys.get(self.index()).and_then(|r| r.get(col)).map(String::as_str)
    }

    /// The row at position `i` of [`ROWS`].
    pub fn from_index(i: usize) -> Option<RowKey> {
        (i < ROWS.len()).then_some(RowKey(i as u16))
    }

    /// The position of the row in [`ROWS`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Every row, in the order of [`ROWS`].
    pub fn all() -> impl Iterator<Item = RowKey> {
        (0..ROWS.len()).map(|i| RowKey(i as u16))
    }

    /// The rows of one table laid out by one template, in order.
    /// Table 三 comes with the single `（六）其他处理` row for 2019 and the
    /// three sub-rows for 2021.
    pub fn layout(table: TableKind, template: Template) -> impl Iterator<Item = RowKey> {
        RowKey::all().filter(move |k| {
            let s = k.spec();
            s.table == table && (s.layout == Both || s.layout == Only(template))
        })
    }

    /// The row of `table` and `template` whose key is `key`.
    pub fn find(table: TableKind, template: Template, key: &str) -> Option<RowKey> {
        RowKey::layout(table, template).find(|k| k.as_str() == key)
    }
}

impl Serialize for RowKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RowKey {
    /// A row key deserializes from its flat key; where two templates share
    /// a key, the first match is taken (table 二 rows carry their template
    /// in the table).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RowKey::all()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown row key {s:?}")))
    }
}

/// Every flat key of one template's figures, in `SCHEMA.md` order, with
/// the single `（六）其他处理` row for 2019 and the three sub-rows for 2021.
///
/// ```
/// use xxgk::vocab::{flat_keys, Template};
/// let keys: Vec<String> = flat_keys(Template::Y2019).collect();
/// assert_eq!(keys.len(), 22 + 161 + 15);
/// assert_eq!(keys[0], "active.rules.made");
/// assert!(keys.contains(&"requests.other.total".to_string()));
/// ```
pub fn flat_keys(template: Template) -> impl Iterator<Item = String> {
    TableKind::ALL.into_iter().flat_map(move |t| {
        RowKey::layout(t, template).flat_map(|r| r.columns().iter().map(move |c| format!("{}.{}", r.as_str(), c.key)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_templates() {
        let count = |t, tpl| RowKey::layout(t, tpl).map(|r| r.columns().len()).sum::<usize>();
        assert_eq!(count(Active, Y2019), 22);
        assert_eq!(count(Active, Y2021), 10);
        assert_eq!(count(Requests, Y2019), 161);
        assert_eq!(count(Requests, Y2021), 175);
        assert_eq!(count(Appeals, Y2019), 15);
    }

    #[test]
    fn keys_are_unique_within_a_template() {
        for tpl in [Y2019, Y2021] {
            let mut keys: Vec<String> = flat_keys(tpl).collect();
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), n);
        }
    }
}
