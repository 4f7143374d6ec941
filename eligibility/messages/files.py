"""Why a file cannot be read at all (eligibility.application): each starts with the file's
name, as the command line prints it after ``error:``."""

from __future__ import annotations

from eligibility.text import Text

NO_SUCH_FILE = Text("{name}: no such file", "{name}: ファイルがありません")
IS_A_DIRECTORY = Text("{name}: is a directory", "{name}: ファイルではなくフォルダーです")
PERMISSION_DENIED = Text(
    "{name}: permission denied: make the file readable or copy it somewhere readable",
    "{name}: 読み取る権限がありません。読み取れるようにするか、読み取れる場所にコピーしてください",
)
NOT_A_FILE_NAME = Text("{name}: not a valid file name", "{name}: ファイル名として使えません")
CANNOT_BE_READ = Text("{name}: cannot be read: {reason}", "{name}: 読み取れません（{reason}）")
EMPTY = Text("{name}: file is empty: {needs}", "{name}: ファイルが空です。{needs}")
APPLICATION_NEEDS = Text(
    "an application needs an applicant and at least one plan",
    "申請には申請者と一つ以上の計画が必要です",
)
TOO_LARGE = Text(
    "{name}: file is {size} bytes; the limit is {limit} bytes",
    "{name}: ファイルが {size} バイトあります。上限は {limit} バイトです",
)
MORE_THAN = Text("more than {limit}", "{limit} 超")
UNKNOWN_TYPE = Text(
    "{name}: unknown file type {kind}: use .toml, .json or .xlsx",
    "{name}: 不明なファイル形式 {kind} です。.toml、.json または .xlsx を使ってください",
)
NO_EXTENSION = Text("(no extension)", "（拡張子なし）")
OTHER_ENCODING = Text(
    "{name}: {encoding} text: save the file as UTF-8",
    "{name}: {encoding} のテキストです。UTF-8 で保存してください",
)
BINARY = Text("{name}: binary data, not a text file", "{name}: テキストではなくバイナリデータです")
NOT_UTF8 = Text(
    "{name}: not UTF-8 text (byte 0x{byte:02x} at offset {offset}): save the file as UTF-8",
    "{name}: UTF-8 のテキストではありません（位置 {offset} のバイト 0x{byte:02x}）。"
    "UTF-8 で保存してください",
)
NOT_TOML = Text("{name}: not valid TOML: {detail}", "{name}: TOML として読めません：{detail}")
TOML_DIGITS = Text(
    "{name}: not valid TOML: a number has too many digits: write a shorter number",
    "{name}: TOML として読めません：数値の桁数が多すぎます。短い数値で記入してください",
)
NOT_JSON = Text(
    "{name}: not valid JSON: line {line}, column {column}: {detail}",
    "{name}: JSON として読めません：{line} 行 {column} 列：{detail}",
)
TOO_DEEP = Text(
    "{name}: nested more than {limit} levels deep{where}: an application needs only a few "
    "levels of tables",
    "{name}: 入れ子が {limit} 段を超えています{where}。申請に必要な表の入れ子は数段です",
)
DEEP_AT_LINE = Text(" at line {line}, column {column}", "（{line} 行 {column} 列）")
DEEP_AT_KEY = Text(" at {path}", "（{path} の位置）")
NO_PLANS_LEFT = Text(
    "{name}: plans is an empty array: an application needs at least one plan",
    "{name}: plans が空の配列です。申請には一つ以上の計画が必要です",
)
TOO_MANY_PLANS = Text(
    "{name}: {count:,} plans; the limit is {limit:,} plans in one file: split them into "
    "several files",
    "{name}: 計画が {count:,} 件あります。一つのファイルの上限は {limit:,} 件です。"
    "複数のファイルに分けてください",
)
NOT_REGULAR = Text(
    "{name}: not a regular file: give the path of a file",
    "{name}: 通常のファイルではありません。ファイルのパスを指定してください",
)
# --- the outline of a TOML or JSON document -------------------------------------------------
TOP_LEVEL_IS = Text(
    "{name}: the top level is {kind}, not {table}: an application is {table} with an "
    "applicant and plans",
    "{name}: 最上位が{table}ではなく{kind}です。申請は申請者と計画を持つ{table}です",
)
NO_PLANS = Text(
    "{name}: {missing}: an application needs at least one plan",
    "{name}: {missing}。申請には一つ以上の計画が必要です",
)
PLANS_IS = Text("{name}: plans is {kind}: {advice}", "{name}: plans が{kind}です。{advice}")
FIRST_PLAN_IS = Text(
    "{name}: plans[0] is {kind}, not {table}: {advice}",
    "{name}: plans[0] が{table}ではなく{kind}です。{advice}",
)
LONE_SURROGATE = Text(
    "{name}: {path}: \\u{code:04x} is half of a character (a lone surrogate): write the "
    "character itself",
    "{name}: {path}: \\u{code:04x} は文字の半分（単独のサロゲート）です。"
    "文字そのものを記入してください",
)
JSON_REFUSED = Text("{name}: {detail}", "{name}: {detail}")
DUPLICATE_JSON_KEY = Text(
    "duplicate key {key} in one JSON object: keep only one",
    "一つの JSON オブジェクトにキー {key} が重複しています。一つだけ残してください",
)
JSON_CONSTANT = Text(
    "not valid JSON: {constant} is not a JSON number: write a finite number",
    "JSON として読めません：{constant} は JSON の数値ではありません。有限の数値を記入してください",
)
JSON_OUT_OF_RANGE = Text(
    "not valid JSON: the number {number} is out of range: write a smaller number",
    "JSON として読めません：数値 {number} が範囲外です。小さい数値を記入してください",
)
JSON_DIGITS = Text(
    "not valid JSON: a number has {digits:,} digits: write a shorter number",
    "JSON として読めません：数値の桁数が {digits:,} 桁あります。短い数値で記入してください",
)
# the words of the outline's messages, by format
TOML_TABLE = Text("a table", "表")
JSON_OBJECT = Text("an object", "オブジェクト")
TOML_NO_PLANS = Text("no [[plans]]", "[[plans]] がありません")
JSON_NO_PLANS = Text('no "plans"', '"plans" がありません')
TOML_USE_ARRAY = Text(
    "use [[plans]] (an array of tables)", "[[plans]]（表の配列）で記入してください"
)
JSON_USE_ARRAY = Text(
    'use an array of objects: "plans": [{...}]',
    'オブジェクトの配列で記入してください："plans": [{...}]',
)
TOML_USE_TABLES = Text(
    "write each plan as a [[plans]] table", "計画はそれぞれ [[plans]] 表として記入してください"
)
JSON_USE_TABLES = Text(
    'write each plan as an object in the "plans" array',
    '計画はそれぞれ "plans" 配列のオブジェクトとして記入してください',
)
TOML_SINGLE = Text("a single table", "単一の表")
JSON_SINGLE = Text("a single object", "単一のオブジェクト")
KIND_ARRAY = Text("an array", "配列")
KIND_STRING = Text("a string", "文字列")
KIND_BOOLEAN = Text("a boolean", "真偽値")
KIND_NUMBER = Text("a number", "数値")
KIND_NULL = Text("null", "null")
KIND_DATE = Text("a date or time", "日付または時刻")
KIND_VALUE = Text("a value", "値")
# --- a workbook (.xlsx): the package, then the form ------------------------------------------
SAVE_AS_XLSX = Text(
    "save it from Excel or LibreOffice as Excel Workbook (.xlsx)",
    "Excel または LibreOffice で「Excel ブック (.xlsx)」として保存してください",
)
NOT_A_ZIP = Text(
    "{name}: not an .xlsx workbook (not a zip package): {advice}",
    "{name}: .xlsx のブックではありません（zip パッケージではありません）。{advice}",
)
TOO_MANY_PARTS = Text(
    "{name}: {count:,} parts in the package; the limit is {limit}: this is not an application form",
    "{name}: パッケージに {count:,} 個の部品があります。上限は {limit} 個です。"
    "申請様式ではありません",
)
UNPACKS_TOO_LARGE = Text(
    "{name}: unpacks to more than {limit:,} bytes (at {member}); an application form is far "
    "smaller: this may be a zip bomb",
    "{name}: 展開すると {limit:,} バイトを超えます（{member} の時点）。"
    "申請様式はずっと小さいものです。zip 爆弾の可能性があります",
)
UNPACK_RATIO = Text(
    "{name}: {member} unpacks {ratio:,} times its size; the limit is {limit}: this may be a zip "
    "bomb",
    "{name}: {member} は展開すると {ratio:,} 倍になります。上限は {limit} 倍です。"
    "zip 爆弾の可能性があります",
)
NOT_UTF8_XML = Text(
    "{name}: {member} is not UTF-8 XML: save the workbook again from Excel",
    "{name}: {member} が UTF-8 の XML ではありません。Excel でブックを保存し直してください",
)
XML_DECLARATION = Text(
    "{name}: {member} declares a DOCTYPE or ENTITY, which no workbook needs and which can "
    "expand without limit: refused",
    "{name}: {member} に DOCTYPE または ENTITY の宣言があります。ブックには不要で、"
    "際限なく展開されうるため受け付けません",
)
TOO_MANY_SHEETS = Text(
    "{name}: {count} sheets; the limit is {limit}: keep the form and its instructions only",
    "{name}: シートが {count} 枚あります。上限は {limit} 枚です。"
    "様式とその説明のシートだけにしてください",
)
TOO_MANY_CELLS = Text(
    "{name}: {count:,} cells; the limit is {limit:,}: an application form needs far fewer; "
    "delete what is not part of the form",
    "{name}: セルが {count:,} 個あります。上限は {limit:,} 個です。"
    "申請様式に必要なセルはずっと少ないので、様式以外の部分を削除してください",
)
CANNOT_UNPACK = Text(
    "{name}: {member} cannot be unpacked ({reason}): save the workbook again",
    "{name}: {member} を展開できません（{reason}）。ブックを保存し直してください",
)
LARGER_THAN_SAID = Text(
    "{name}: {member} is larger than it says: refused",
    "{name}: {member} が記載された大きさより大きいため受け付けません",
)
MACRO_ENABLED = Text(
    "{name}: a macro-enabled workbook: macros are never run or accepted; save the form as "
    "Excel Workbook (.xlsx)",
    "{name}: マクロ有効ブックです。マクロは実行も受け付けもしません。"
    "様式を「Excel ブック (.xlsx)」として保存してください",
)
NOT_READABLE_XLSX = Text(
    "{name}: not a readable .xlsx workbook ({detail}): save it again from Excel or "
    "LibreOffice as Excel Workbook (.xlsx)",
    "{name}: .xlsx のブックとして読めません（{detail}）。Excel または LibreOffice で"
    "「Excel ブック (.xlsx)」として保存し直してください",
)
NO_FORM_HEADER = Text(
    "{name}: no sheet has the form's header ('{header}' in column A): start from the form "
    "`eligibility template TRACK --format xlsx` writes",
    "{name}: 様式の見出し（A 列の '{header}'）のあるシートがありません。"
    "`eligibility template TRACK --format xlsx` が書き出す様式から始めてください",
)
FORM_TOO_LARGE = Text(
    "{name}: {corner}: the form sheet reaches this cell; a form has at most {rows:,} rows and "
    "{columns} columns ({plans} plans): delete what lies outside the form, or split the plans "
    "into several files",
    "{name}: {corner}: 様式のシートがこのセルまで使われています。"
    "様式は最大 {rows:,} 行・{columns} 列（計画 {plans} 件）です。"
    "様式の外にあるものを削除するか、計画を複数のファイルに分けてください",
)
MERGED_CELLS = Text(
    "{name}: {cells}: merged cells: unmerge them and write one value per cell",
    "{name}: {cells}: 結合されたセルです。結合を解除し、一つのセルに一つの値を記入してください",
)
FORMULA_NOT_SAVED = Text(
    "{name}: {where}: a formula with no saved value ({formula}): open the file in Excel or "
    "LibreOffice so it calculates, then save it; or type the value",
    "{name}: {where}: 値が保存されていない数式です（{formula}）。Excel または LibreOffice で開いて"
    "計算させてから保存するか、値を直接入力してください",
)
FORMULA_ERROR = Text(
    "{name}: {where}: the formula's result is an error ({value}): correct the formula, or type "
    "the value",
    "{name}: {where}: 数式の結果がエラーです（{value}）。数式を直すか、値を直接入力してください",
)
# --- what a path names when it is not a regular file (an input, an output, a folder's entry) ---
A_SYMLINK = Text("a symlink", "シンボリックリンク")
A_DIRECTORY = Text("a directory", "フォルダー")
A_FIFO = Text("a named pipe (FIFO)", "名前付きパイプ（FIFO）")
A_DEVICE = Text("a device", "デバイス")
A_SOCKET = Text("a socket", "ソケット")
NOT_A_REGULAR_FILE = Text("not a regular file", "通常のファイルではないもの")
# --- an application written into a form workbook (eligibility.describe.filled_workbook) --------
FORM_NEEDS_TRACK = Text(
    "{name}: a form workbook is written for the first plan's track, and plans[0].track is "
    "{given}: choose one of: {tracks}",
    "{name}: 様式のブックは最初の計画の区分で作ります。plans[0].track が{given}です。"
    "次のいずれかを選んでください：{tracks}",
)
TRACK_NOT_SET = Text("not set", "未記入")
FORM_TOO_MANY_PLANS = Text(
    "{name}: {count} plans; a form workbook holds at most {limit}: split the plans into "
    "several files",
    "{name}: 計画が {count} 件あります。様式のブックに入るのは {limit} 件までです。"
    "計画を複数のファイルに分けてください",
)
FORM_NO_LISTS = Text(
    "{name}: {key} is a list; a form workbook holds one value per cell: keep this application "
    "as TOML or JSON",
    "{name}: {key} がリストです。様式のブックは一つのセルに一つの値です。"
    "この申請は TOML または JSON のままにしてください",
)
NESTED_TOO_DEEPLY_TO_READ = Text("nested too deeply to read", "入れ子が深すぎて読めません")
ENCRYPTED = Text(
    "{name}: encrypted; give the file unencrypted",
    "{name}: 暗号化されています。暗号化していないファイルを渡してください",
)
NO_RULESET_IN_FORCE = Text(
    "{folder}: no rule set in force on {day} (the first takes effect {first})",
    "{folder}: {day} に施行中のルールセットがありません（最初のものは {first} 施行）",
)
