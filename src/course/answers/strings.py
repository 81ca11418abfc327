"""What the learner is told about their answers file (Simplified Chinese)."""

STORE_CORRUPT = (
    "⚠ 注意：答题记录文件 {path} 已损坏，无法读取。原文件已原样保留为 {aside}，"
    "请告诉培训管理员。新的答案会记在一个新文件里。"
)
STORE_UNWRITABLE = "⚠ 注意：答案无法保存到 {path}（{reason}）。请告诉培训管理员。"
