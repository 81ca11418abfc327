"""Learner-facing texts of ``course doctor`` (Simplified Chinese): what each check means and the
fix to apply. English details for instructors come from the checks themselves."""

from __future__ import annotations

#: Per check: ``label`` (what is checked), ``problem`` (what goes wrong for the learner),
#: ``fix`` (what to do; may contain ``{placeholders}`` filled by the check).
CHECKS: dict[str, dict[str, str]] = {
    "python": {
        "label": "Python 版本",
        "problem": "本课程需要 Python 3.11 或更高版本，当前版本太旧，课程程序无法运行。",
        "fix": "请安装 Python 3.11 或更高版本，然后在课程目录中重新运行 make lab。",
    },
    "jupyterlab": {
        "label": "JupyterLab 4",
        "problem": "JupyterLab 缺失或版本不符（需要 4.x），课程页面可能无法打开或显示异常。",
        "fix": "在课程目录中运行 make lab（会自动安装正确的版本），"
        "或执行 pip install 'jupyterlab>=4.2,<5'。",
    },
    "nbgrader": {
        "label": "nbgrader 0.9（测验提交与评分）",
        "problem": "nbgrader 缺失或版本不符（需要 0.9.x），测验无法提交或评分。",
        "fix": "在课程目录中运行 make lab，或执行 pip install 'nbgrader>=0.9.6,<0.10'。",
    },
    "ipywidgets": {
        "label": "ipywidgets 8（交互练习题）",
        "problem": "ipywidgets 缺失或版本不符（需要 8.x），练习题的按钮和选项无法显示。",
        "fix": "在课程目录中运行 make lab，或执行 pip install 'ipywidgets>=8.1,<9'。",
    },
    "pandas": {
        "label": "pandas（课程表格）",
        "problem": "pandas 缺失或版本太旧（需要 2.2 以上），课程中的表格无法生成。",
        "fix": "在课程目录中运行 make lab，或执行 pip install 'pandas>=2.2'。",
    },
    "widgets_extension": {
        "label": "JupyterLab 交互控件扩展",
        "problem": "JupyterLab 的 ipywidgets 扩展未安装或已被停用：练习题只会显示一行文字，"
        "无法点击作答。",
        "fix": "执行 jupyter labextension enable @jupyter-widgets/jupyterlab-manager 和 "
        "jupyter labextension enable anywidget，然后刷新浏览器页面；若提示未安装，"
        "在课程目录中运行 make lab，或执行 pip install 'ipywidgets>=8.1,<9' 'anywidget>=0.9,<0.12'。",
    },
    "nbgrader_extensions": {
        "label": "nbgrader 测验扩展",
        "problem": "nbgrader 的 JupyterLab 扩展或服务器扩展缺失、已被停用，"
        "学员看不到作业列表，教员无法使用评分界面。",
        "fix": "执行 pip install 'nbgrader>=0.9.6,<0.10'；若已被停用，执行 "
        "jupyter labextension enable @jupyter/nbgrader 和 "
        "jupyter server extension enable nbgrader.server_extensions.assignment_list，"
        "然后重启 JupyterLab。",
    },
    "cjk_font": {
        "label": "中文字体（图表）",
        "problem": "matplotlib 找不到中文字体，图表里的中文会显示成方框。",
        "fix": "请管理员执行 apt-get install fonts-wqy-microhei（或 fonts-noto-cjk），"
        "然后删除 matplotlib 的字体缓存目录 {cache_dir} 中的 fontlist-*.json 文件，"
        "再重启内核。",
    },
    "course_data": {
        "label": "课程资料（知识库）",
        "problem": "课程资料文件无法读取或内容有误，课程中的表格和练习题无法使用。",
        "fix": "请不要自行修改课程资料；把上面的英文错误信息发给课程维护者，"
        "或重新获取一份完整的课程文件。",
    },
    # -- on a cohort hub (`course doctor --hub`, as root on the hub's server) ----------------------
    "hub_settings": {
        "label": "培训平台设置（hub.yaml）",
        "problem": "找不到或无法读取培训平台的设置文件，平台无法启动。",
        "fix": "以 root 身份运行 course hub init --course 课程编号（见 docs/cohort-hub.md）。",
    },
    "hub_env": {
        "label": "培训平台的 Python 环境",
        "problem": "平台环境缺少 JupyterHub、代理或课程程序，平台无法启动或学员服务器无法运行。",
        "fix": "以 root 身份在课程目录中运行 .venv/bin/course hub setup。",
    },
    "hub_answers": {
        "label": "培训平台（JupyterHub）在运行",
        "problem": "平台没有响应，学员无法登录。",
        "fix": "以 root 身份运行 .venv/bin/course hub start（或 systemctl start zj-course-hub），"
        "并查看其日志。",
    },
    "hub_proxy": {
        "label": "平台代理（configurable-http-proxy）",
        "problem": "代理程序缺失或没有把请求转给平台，浏览器打不开登录页。",
        "fix": "运行 course hub setup 安装代理，然后重启平台。",
    },
    "hub_services": {
        "label": "各课程的评分服务（formgrader）",
        "problem": "某门课程的评分服务没有运行，教员无法评分。",
        "fix": "查看平台日志中该课程服务的错误，修正后重启平台。",
    },
    "hub_exchange": {
        "label": "作业交换文件夹的权限",
        "problem": "作业交换文件夹的属主或权限不对，学员可能看到或改动他人的作业，或者无法提交。",
        "fix": "以 root 身份再次运行 course hub init（它会恢复正确的属主和权限），然后重新检查。",
    },
    "hub_gradebook": {
        "label": "成绩册数据库",
        "problem": "某门课程的成绩册无法连接，自动评分与人工评分都无法保存。",
        "fix": "检查 PostgreSQL 是否在运行（systemctl status postgresql），"
        "以及 hub.yaml 中该课程的 db_url 是否正确。",
    },
}

TITLE = "课程环境检查（course doctor）"
OK = "正常"
PROBLEM = "问题"
WHY = "说明"
FIX = "解决办法"
ALL_OK = "全部正常，可以开始学习。"
SOME_PROBLEMS = "发现 {count} 个问题，请按上面的“解决办法”处理后重新运行 course doctor。"

# -- what was found (the table's third column; `course doctor` adds the English detail) -----------
NEED = "（需要 {wanted}）"
NOT_INSTALLED = "未安装 {name}"
DISABLED = "{name} 已停用"
ENABLED = "{name} 已安装并启用"
NO_SERVER = "nbgrader 的服务器扩展都没有启用"
NBGRADER_HIDDEN = "已安装；nbgrader 的英文工具在学员的学习环境中不显示"
FONT_FOUND = "图表使用中文字体「{font}」"
FONT_MISSING = "matplotlib 找不到课程使用的任何一种中文字体（{fonts}）"
DATA_OK = "已读取文章的 {sections} 个部分、{facts} 条事实"
DATA_BROKEN = "课程资料有误：{error}"
