"""What the command line says when a command stops (cli.py), in the command's --lang."""

from __future__ import annotations

from eligibility.text import Text

INTERRUPTED = Text(
    "interrupted: nothing more was written", "中断しました。これ以上は書き込んでいません"
)
TERMINATED = Text(
    "terminated: nothing more was written", "終了しました。これ以上は書き込んでいません"
)
INTERNAL_ERROR = Text(
    "internal error ({kind}: {detail}); nothing was checked. Please report it with the file; "
    "ELIGIBILITY_DEBUG=1 shows the details.",
    "内部エラー（{kind}: {detail}）。確認は行っていません。ファイルを添えて報告してください"
    "（ELIGIBILITY_DEBUG=1 で詳細を表示します）。",
)
INDICATORS_TOO_SLOW = Text(
    "the indicators took longer than {seconds:g} s per file to compute; stopped",
    "指標の計算がファイルあたり {seconds:g} 秒を超えたため中止しました",
)
CANNOT_LISTEN = Text(
    "cannot listen on {host}:{port}: {reason}",
    "{host}:{port} で待ち受けできません: {reason}",
)
