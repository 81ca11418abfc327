"""What ``course hub`` says to instructors and administrators, in Simplified Chinese.

Templates with ``{name}`` fields are filled with :meth:`str.format`. A roster problem always
names the file and the line.
"""

from __future__ import annotations

# -- the roster file ------------------------------------------------------------------------------
ROSTER_PROBLEMS = "名单文件 {path} 有 {count} 处问题，未做任何更改："
ROSTER_LINE = "第 {line} 行：{problem}"
ROSTER_NOT_FOUND = "找不到名单文件 {path}。"
ROSTER_NOT_UTF8 = "名单文件 {path} 不是 UTF-8 编码的文本（请在 Excel 中另存为“CSV UTF-8”）。"
ROSTER_EMPTY = "名单文件 {path} 是空的：第一行应为表头 id,name,role,course。"
ROSTER_HEADER = (
    "表头应为 id,name,role,course（或 编号,姓名,角色,课程），实际为：{found}；缺少：{missing}。"
)
ROSTER_FIELDS = "应有 {expected} 列，实际有 {found} 列（请检查是否多了或少了逗号）。"
ROSTER_ID_EMPTY = "编号为空。"
ROSTER_ID_BAD = (
    "编号 “{id}” 不能用作系统账号：只能使用小写英文字母、数字、“-”和“_”，以字母开头，"
    "最多 32 个字符（例如 zhangsan01）。"
)
ROSTER_ID_RESERVED = "编号 “{id}” 以 “{prefix}” 开头，这是课程平台保留的名称，请换一个编号。"
ROSTER_DUPLICATE = "编号 “{id}” 重复，第 {first} 行已经出现过（每人只占一行，多门课程用分号隔开）。"
ROSTER_NAME_EMPTY = "姓名为空。"
ROSTER_NAME_BAD = "姓名 “{name}” 含有不允许的字符（冒号、逗号或换行）。"
ROSTER_ROLE_BAD = "角色 “{role}” 无法识别：应为 trainee（学员）或 instructor（教员）。"
ROSTER_COURSE_EMPTY = "课程为空：请填写课程编号，多门课程用分号隔开。"
ROSTER_COURSE_UNKNOWN = "课程 “{course}” 不存在；本平台的课程有：{known}。"
ROSTER_ACCOUNT_FOREIGN = (
    "编号 “{id}” 已是本机的系统账号，但不是课程平台创建的，为安全起见不会改动它；请换一个编号。"
)

# -- what `course hub roster apply` did ------------------------------------------------------------
APPLY_CREATED = "新建账号 {id}（{name}，{role}）：{courses}"
APPLY_CHANGED = "更新账号 {id}（{name}，{role}）：{courses}"
APPLY_ENABLED = "重新启用账号 {id}（{name}）"
APPLY_DISABLED = "停用账号 {id}：已锁定、移出全部课程、停止其服务器；家目录 {home} 保留"
APPLY_UNCHANGED = "{count} 个账号无需更改"
APPLY_PASSWORDS = "新账号的初始密码已写入 {path}（仅本课程教员可读），请分发给本人并提醒修改。"
APPLY_HUB_DOWN = "平台当前未运行：账号已更新，下次启动后生效。"
ROLE_NAMES = {"trainee": "学员", "instructor": "教员"}

# -- hub commands ---------------------------------------------------------------------------------
NOT_ROOT = "此命令需要以 root 身份运行（例如 sudo .venv/bin/course hub {command}）。"
NO_SETTINGS = "{path} 中没有平台设置：请先运行 course hub init --course 课程编号。"
BAD_SETTINGS = "平台设置文件有误：{error}"
NO_ENV = "平台的 Python 环境 {env} 尚未安装：请先运行 course hub setup。"
