"""Why a file of a batch was not screened (eligibility.screening): the ``error`` of its row,
in the batch's --lang. Each starts with the path, as the row shows it."""

from __future__ import annotations

from eligibility.text import Text

ENTRY = Text("{path}: {why}", "{path}: {why}")
TOOK_TOO_LONG = Text(
    "{path}: took longer than {seconds:g} s; skipped",
    "{path}: {seconds:g} 秒を超えたため飛ばしました",
)
OUT_OF_MEMORY = Text(
    "{path}: needed more than {mb} MB of memory; skipped",
    "{path}: {mb} MB を超えるメモリーが必要なため飛ばしました",
)
NESTED_TOO_DEEPLY = Text(
    "{path}: nested too deeply to read; skipped",
    "{path}: 入れ子が深すぎて読めないため飛ばしました",
)
INTERNAL_ERROR = Text(
    "{path}: internal error ({kind}); skipped", "{path}: 内部エラー（{kind}）のため飛ばしました"
)
SEARCH_TOO_DEEP = Text(
    "{path}: nested too deeply to search", "{path}: 入れ子が深すぎて検索できません"
)
NOTHING_THERE = Text("{path}: no such file or folder", "{path}: ファイルもフォルダーもありません")
WORKER_DIED = Text(
    "the process checking it stopped (killed or crashed); skipped",
    "確認中のプロセスが停止した（強制終了またはクラッシュ）ため飛ばしました",
)
NOT_SENT_BACK = Text(
    "its rows could not be sent back ({kind}); skipped",
    "結果の行を受け渡せなかった（{kind}）ため飛ばしました",
)
# --- what the walk of a folder meets -------------------------------------------------------
CANNOT_READ_ENTRY = Text("cannot be read: {reason}", "読み取れません（{reason}）")
CANNOT_READ_FOLDER = Text(
    "cannot read this folder: {reason}", "このフォルダーを読み取れません（{reason}）"
)
SYMLINK_LOOP = Text(
    "is a symlink loop; not screened", "循環するシンボリックリンクのため確認していません"
)
SYMLINK_TO_NOTHING = Text(
    "is a symlink to nothing; not screened",
    "リンク先のないシンボリックリンクのため確認していません",
)
CANNOT_FOLLOW = Text(
    "cannot follow this symlink: {reason}", "このシンボリックリンクをたどれません（{reason}）"
)
SYMLINK_TO_FOLDER = Text(
    "is a symlink to a folder, which is not followed; give the folder",
    "フォルダーへのシンボリックリンクはたどりません。フォルダーを指定してください",
)
NOT_AN_APPLICATION = Text(
    "is {kind}, not an application file", "{kind}で、申請ファイルではありません"
)

# said on stderr before a batch starts: notes and scans beside the applications
NOT_APPLICATIONS = Text(
    "notice: {count} file(s) not named .toml or .json were not screened: {shown}{more}",
    "お知らせ: 名前が .toml でも .json でもない {count} 件のファイルは確認していません: "
    "{shown}{more}",
)
NOT_APPLICATIONS_MORE = Text(" and {count} more", " ほか {count} 件")
