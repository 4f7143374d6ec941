"""Why a report file or folder is not written (eligibility.rendering, cli.py): each starts with
the path, as the command line prints it after ``error:``."""

from __future__ import annotations

from eligibility.text import Text

CANNOT_WRITE_HERE = Text(
    "{path}: cannot write here: {reason}", "{path}: ここには書き込めません（{reason}）"
)
NOT_REPLACED = Text(
    "{path}: is {kind}; {option} {accepted}", "{path}: {kind}です。{option} は{accepted}"
)
REPLACES_ONLY = Text(
    "replaces only a regular file (or creates a new one)",
    "通常のファイルだけを置き換えます（または新しく作ります）",
)
A_CHART = Text("a chart", "グラフ")
IS_AN_INPUT = Text(
    "{path}: is one of the input files; choose another --output",
    "{path}: 入力ファイルの一つです。別の --output を指定してください",
)
IS_A_FOLDER = Text(
    "{path}: is a directory; give a file name for --output",
    "{path}: フォルダーです。--output にはファイル名を指定してください",
)
NOT_A_NAME_INSIDE = Text(
    "{path}: not a file name inside {folder}", "{path}: {folder} の中のファイル名ではありません"
)
CANNOT_CREATE_FOLDER = Text(
    "{path}: cannot create the folder: {reason}", "{path}: フォルダーを作れません（{reason}）"
)
FOLDER_PROBLEM = Text("{path}: {reason}", "{path}: {reason}")
REPORT_DIR_IS_LINK = Text(
    "{path}: is a symbolic link; give --report-dir a real folder",
    "{path}: シンボリックリンクです。--report-dir には実際のフォルダーを指定してください",
)
REPORT_DIR_NOT_FOLDER = Text(
    "{path}: is not a folder; give --report-dir a folder",
    "{path}: フォルダーではありません。--report-dir にはフォルダーを指定してください",
)
