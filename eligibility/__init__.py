"""eligibility: screening for the permanent-magnet supply-chain program (経済安全保障
サプライチェーン強靱化事業（永久磁石））."""

__version__ = "0.1.0"
