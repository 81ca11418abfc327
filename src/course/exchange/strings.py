"""What the exchange says to trainees when a transfer is refused (Simplified Chinese)."""

from __future__ import annotations

NOT_SET_UP = "课程 {course} 的提交文件夹尚未建立或无法访问（{path}），请联系教员。"
OTHER_STUDENT = "只能以自己的账号（{me}）提交，不能替他人（{other}）提交。"
LINK_IN_SUBMISSION = (
    "作业文件夹中有符号链接 {name}，无法提交：请删除它，把文件本身放进文件夹后再提交。"
)
NOT_A_FILE = "作业文件夹中的 {name} 不是普通文件，无法提交：请删除它后再提交。"
