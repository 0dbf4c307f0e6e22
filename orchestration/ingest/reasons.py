"""Why an inbox entry was not loaded, written for the data office: what is wrong, and how to fix it.

One place for every file-level message, in Chinese, so the rejected/ folder, the quality page and
`meta.input_files` all say the same thing.
"""

from __future__ import annotations

TEMPLATE_HINT = "可参照 seeds/templates/ 里的模板"


def unsupported_type(name: str, suffix: str) -> str:
    return (f"{name}:不支持的文件类型 {suffix or '(无扩展名)'}。收件箱只接收 .csv、.xlsx(数据表)"
            "和 .txt(文件全文);请另存为其中一种格式后重新放入")


def empty_file(name: str) -> str:
    return f"{name}:文件是空的(0 字节或只有空白)。请确认保存了内容后重新放入"


def empty_text(name: str) -> str:
    return f"{name}:文本是空的。请把文件全文粘贴保存为 UTF-8 的 .txt 后重新放入"


def no_figures(name: str) -> str:
    return (f"{name}:文本中没有识别出统计数字。如果这是统计公报,请把数字填进数据表模板"
            "(seeds/templates/figures_template.csv)后放入")


def synthetic_rows(name: str, count: int) -> str:
    return (f"{name}:有 {count} 行的 quality 是 synthetic(生成的测试数据)。合成数据只用于基准测试的临时库,"
            "绝不进入发布的数据仓库;请放入真实数据")


def not_utf8(name: str, position: int) -> str:
    return (f"{name}:不是 UTF-8 编码(第 {position} 字节无效),也不是 GBK/GB18030。"
            "请在 Excel 中“另存为 → CSV UTF-8”后重新放入")


def bad_bom(name: str, reason: str, position: int) -> str:
    return f"{name}:以 UTF-8 BOM 开头,但内容不是有效的 UTF-8({reason},第 {position} 字节)。请重新另存为 UTF-8"


def not_readable_gbk(name: str) -> str:
    return f"{name}:不是 UTF-8,按 GBK 解码也不是可读的文字(可能是二进制文件改了扩展名)。请另存为 UTF-8"


def wrong_delimiter(name: str, delimiter: str) -> str:
    return f"{name}:列之间用 {delimiter!r} 分隔;模板要求用英文逗号分隔的 CSV。请在 Excel 中另存为“CSV UTF-8(逗号分隔)”"


def header_problems(name: str, missing: list[str], extra: list[str], duplicated: list[str], columns: list[str]) -> str:
    problems = []
    if missing:
        problems.append(f"缺少列:{', '.join(missing)}")
    if extra:
        problems.append(f"多出列:{', '.join(extra)}")
    if duplicated:
        problems.append(f"重复列:{', '.join(duplicated)}")
    return f"{name}:表头与模板不符({';'.join(problems)})。模板的列是:{','.join(columns)}。{TEMPLATE_HINT}"


def no_rows(name: str) -> str:
    return f"{name}:有表头,但没有数据行。请填好数据行后重新放入"


def empty_form(name: str) -> str:
    return (f"{name}:这是一张目标进度填报表,但没有任何目标填写了本期完成值或截至日期。"
            "请在黄色单元格中填写后重新放入")


def unbalanced_quote(name: str, line: int) -> str:
    return (f"{name}:第 {line} 行附近有不成对的英文双引号(\"),后面的行被读成了一个单元格。"
            "请检查这一行的引号,或在 Excel 中重新另存为 CSV 后放入")


def not_xlsx(name: str, error: str) -> str:
    return f"{name}:不是可以读取的 .xlsx 工作簿({error})。请用 Excel 打开后另存为 .xlsx(不是 .xls 或改名的文件)再放入"


def broken_sheet(name: str, sheet: str, error: str) -> str:
    return f"{name}:工作表「{sheet}」已损坏,无法读取({error})。请用 Excel 打开、修复并保存后重新放入"


def merged_header(name: str, sheet: str, row: int) -> str:
    return (f"{name}:工作表「{sheet}」的表头(第 {row} 行)有空单元格,可能是合并单元格。"
            "请只保留一行表头,每列一个列名")


def no_sheet_with_header(name: str, detail: str) -> str:
    return f"{name}:没有一个工作表的表头与模板相符。{detail}"


def formula_without_value(name: str, sheet: str, cell: str) -> str:
    return (f"{name}:工作表「{sheet}」的单元格 {cell} 是公式,但文件里没有保存计算结果"
            "(常见于程序生成的表格)。请在 Excel 中保存后再提交")


def empty_sheets(name: str) -> str:
    return f"{name}:工作簿里没有任何内容。请填好数据后重新放入"


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def unreadable(name: str, exc: Exception) -> str:
    return f"{name}:读取时出错,无法读取({_error(exc)})。请检查文件是否损坏,用 Excel 或文本编辑器重新保存后放入"


def symlink(name: str) -> str:
    return f"{name}:这是一个符号链接(快捷方式),系统不会跟随它读取其他位置的文件。请把文件本身复制进收件箱"


def folder(name: str) -> str:
    return f"{name}:收件箱里的文件夹不会被读取。请把其中的文件直接放进收件箱(政策文件放进 policies/)"


def hidden(name: str) -> str:
    return f"{name}:隐藏文件(文件名以“.”开头),已跳过。如需导入,请去掉文件名开头的“.”"


def lock_file(name: str) -> str:
    return f"{name}:Excel/WPS 打开文件时生成的临时锁文件,已跳过;关闭表格后它会自动消失"


def not_a_file(name: str) -> str:
    return f"{name}:不是普通文件(设备、管道等),已跳过"


def duplicate(earlier: str) -> str:
    return f"与 {earlier} 内容完全相同(SHA-256 一致),没有新内容"


def superseded(newer: str) -> str:
    return f"已被同名文件的新版本 {newer} 更正;本文件的数据作为历史保留,不再计入"


def read_failed(name: str, exc: Exception) -> str:
    return f"{name}:读取文本中的目标和数字时出错({_error(exc)})。文件已移出,请把它和这条原因发给系统维护人员"


def retracted(reason: str, by: str, on: str) -> str:
    return f"已撤回:{reason}(撤回人 {by},{on})"
