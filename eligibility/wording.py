"""The catalogue of words the tool writes around its findings: labels, headings and column
names of every report, page and command, in Japanese and English, by key.

Findings carry their own bilingual sentences (built where the rule that writes them lives);
everything else a person reads is looked up here, so no renderer branches on the language and a
translation is corrected in one place. A sentence with values in it is a template with named
placeholders, filled by :meth:`~eligibility.text.Text.format`.
"""

from __future__ import annotations

from eligibility.text import Lang, Text

WORDS: dict[str, Text] = {
    # --- a checked application -------------------------------------------------------------
    "applicant": Text("Applicant", "申請者"),
    "applicant_block": Text("[applicant]", "[申請者]"),
    "plans": Text("Plans", "計画"),
    "plans_line": Text("plans: ", "計画: "),
    "note_line": Text("note: ", "注意: "),
    "note": Text("note", "注意"),
    "back_to_index": Text("back to the index", "一覧へ"),
    "batch_title": Text("Screening results", "審査結果一覧"),
    "files": Text("files", "ファイル"),
    "plans_count": Text("plans", "計画"),
    "by_verdict": Text("by verdict", "判定別"),
    # --- provenance ------------------------------------------------------------------------
    "in_force_on": Text("in force on", "基準日"),
    "rule_set": Text("rule set", "ルールセット"),
    "rule_set_sha256": Text("rule set sha256", "ルールセット sha256"),
    "rule_set_folder": Text("rule set folder", "ルールセットの場所"),
    "file_sha256": Text("file sha256", "申請ファイル sha256"),
    "tool": Text("tool", "ツール"),
    "checked_at": Text("checked at", "確認日時"),
    # --- report and table headers ------------------------------------------------------------
    "finding_columns_md": Text(
        "|rule|status|given|value|threshold|margin|message",
        "|規則|状態|記入値|値|基準値|余裕|内容",
    ),
    "finding_columns_html": Text(
        "rule|status|given|value|threshold|margin|message|source",
        "規則|状態|記入値|値|基準値|余裕|内容|根拠",
    ),
    "batch_columns_table": Text(
        "file|applicant|plan|track|verdict|sha256|problems",
        "ファイル|申請者|計画|区分|判定|sha256|問題",
    ),
    "batch_columns": Text(
        "file|applicant|plan|track|verdict|problems|sha256",
        "ファイル|申請者|計画|区分|判定|問題|sha256",
    ),
    "batch_columns_csv": Text(
        "file|applicant|plan|track|verdict|failed|missing|review|error|sha256|ruleset",
        "ファイル|申請者|計画|区分|判定|不適合|未記入・記入不備|要審査|エラー|sha256|ルールセット",
    ),
    "problems_fail": Text("fail", "不適合"),
    "problems_missing": Text("missing/invalid", "未記入・記入不備"),
    "problems_review": Text("review", "要審査"),
    "our_reading": Text("our reading", "解釈"),
    # --- outcome indicators ----------------------------------------------------------------
    "indicator": Text("indicator", "指標"),
    "target": Text("target", "目標"),
    "target_by": Text("{target} by {year}", "{year}までに {target}"),
    "inputs_line": Text("inputs: ", "入力: "),
    "reading_line": Text("reading: ", "読み方: "),
    "measure_line": Text("  measure: ", "  測定指標: "),
    "target_line": Text("  target: ", "  目標: "),
    "result_line": Text("  result: ", "  結果: "),
    "rule_line": Text("      rule: ", "      規則: "),
    "from_line": Text("      from: ", "      出典: "),
    "superseded_count": Text(
        "superseded reports ({n}, not counted):", "置き換えられた報告 {n} 件（数えません）:"
    ),
    "findings_count": Text("findings ({n}):", "指摘 {n} 件:"),
    "findings_none": Text("findings: none", "指摘なし"),
    "statuses_line": Text("statuses:", "状況の判定:"),
    "reading": Text("Reading", "読み方"),
    "measure": Text("Measure", "測定指標"),
    "target_heading": Text("Target", "目標"),
    "result": Text("Result", "結果"),
    "source": Text("Source", "出典"),
    "interpretation": Text("Interpretation", "解釈"),
    "superseded_reports": Text("Superseded reports", "置き換えられた報告"),
    "findings": Text("Findings", "指摘"),
    "none": Text("None.", "なし"),
    "statuses": Text("Statuses", "状況の判定"),
    "year_columns": Text(
        "Fiscal year|Value|Status|Detail|Rule|Sources", "年度|値|状況|内訳|規則|出典"
    ),
}


# Why the rule set was chosen for its day (Result.as_of_source), as a report names it; the
# English is the contract's code, which JSON gives as ``chosen_by``.
CHOSEN_BY: dict[str, Text] = {
    "as-of": Text("as-of", "受付日（--as-of）"),
    "applicant.submitted": Text("applicant.submitted", "申請日（applicant.submitted）"),
    "today": Text("today", "本日"),
    "ruleset": Text("ruleset", "指定のルールセット"),
}


# The pages of `eligibility serve` (the rule set supplies the rest).
PAGE_WORDS: dict[str, Text] = {
    "app": Text(
        "Permanent-magnet programme: eligibility check",
        "永久磁石サプライチェーン強靱化事業 適格性チェック",
    ),
    "selfcheck": Text("Self-check before applying", "申請前セルフチェック"),
    "workbench": Text("Reviewer workbench", "審査ワークベンチ"),
    "rules": Text("Rules", "規則"),
    "track": Text("Track", "区分"),
    "choose": Text("Show", "表示"),
    "applicant": Text("Applicant", "申請者"),
    "plan": Text("Plan", "計画"),
    "accepts": Text("Accepted units or values", "使える単位・値"),
    "example": Text("Example", "記入例"),
    "criterion": Text("Criterion", "基準"),
    "source": Text("Source", "根拠"),
    "findings": Text("Findings", "判定"),
    "verdict": Text("Verdict", "判定"),
    "margin": Text("Margin", "余裕"),
    "needed": Text("To pass", "満たすには"),
    "threshold": Text("Threshold", "基準値"),
    "typing": Text("The findings update as you type.", "入力すると判定が更新されます。"),
    "upload": Text("Check a file instead", "ファイルで確認"),
    "upload_hint": Text(
        "Choose an application file (TOML, JSON or an .xlsx form).",
        "TOML・JSON の申請ファイル、または .xlsx の申請書を選んでください。",
    ),
    "download_toml": Text("Save as TOML", "TOML で保存"),
    "download_json": Text("Save as JSON", "JSON で保存"),
    "download_xlsx": Text("Save as Excel form (xlsx)", "Excel の申請書（xlsx）で保存"),
    "print": Text("Printable report", "印刷用の報告書"),
    "template": Text("Blank template (TOML)", "ひな形（TOML）"),
    "template_xlsx": Text("Blank form (xlsx)", "申請書のひな形（xlsx）"),
    "nothing_stored": Text(
        "Nothing you enter is stored on the server.", "入力内容はサーバーに保存されません。"
    ),
    "noscript": Text(
        "The live check needs JavaScript; the API (/v1/check) checks a file without it.",
        "自動判定には JavaScript が必要です。ファイルでの確認は API（/v1/check）でも行えます。",
    ),
    "drop": Text(
        "Drop application files (.toml / .json / .xlsx) or a zip here, or click to choose",
        "申請ファイル（.toml / .json / .xlsx）または zip をここにドロップ、またはクリックして選択",
    ),
    "filter_verdict": Text("Filter by verdict", "判定で絞り込み"),
    "filter_track": Text("Filter by track", "区分で絞り込み"),
    "search": Text("Search", "検索"),
    "sort_margin": Text("Closest to threshold first", "余裕の小さい順"),
    "all": Text("All", "すべて"),
    "file": Text("File", "ファイル"),
    "files": Text("files", "ファイル"),
    "plans": Text("plans", "計画"),
    "problems": Text("Problems", "問題"),
    "download_csv": Text("CSV", "CSV"),
    "download_jsonb": Text("JSON", "JSON"),
    "download_html": Text("HTML", "HTML"),
    "download_xlsxb": Text("xlsx", "xlsx"),
    "close": Text("Close", "閉じる"),
    "in_force": Text("in force", "施行中"),
    "effective": Text("effective", "施行日"),
    "others": Text("Other rule sets", "他の規則セット"),
    "reading": Text("Our reading", "解釈"),
    "comparison": Text("Comparison", "判定式"),
    "severity": Text("Severity", "区分"),
    "fields": Text("Fields", "項目"),
    "examples": Text("Examples", "例"),
    "optional": Text("optional", "任意"),
    "title": Text("Title", "件名"),
    "name": Text("Applicant name", "申請者名"),
    "corporate_number": Text("Corporate number (13 digits)", "法人番号（13桁）"),
    "plan_id": Text("Plan ID", "計画の ID"),
    "yes": Text("yes", "はい"),
    "no": Text("no", "いいえ"),
    "unset": Text("not stated", "未記入"),
    "waiting": Text("Checking…", "確認中…"),
    "finding_columns": Text(
        "Rule|Status|Given|Threshold|Margin|Message|Source",
        "規則|状態|記入値|基準値|余裕|内容|根拠",
    ),
    "error": Text("Error", "エラー"),
    "api": Text("API", "API"),
}


def word(key: str, lang: Lang) -> str:
    """The catalogue's entry ``key`` in ``lang``."""
    return WORDS[key](lang)


def columns(key: str, lang: Lang) -> list[str]:
    """An entry that names table columns, split at ``|``."""
    return word(key, lang).split("|")
