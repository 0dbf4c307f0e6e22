"""Login, the signed-in user, and the checks pages make before they show or do anything.

Why a login form of our own over bcrypt rather than a login library: Streamlit's built-in
`st.login` needs an OpenID Connect provider, which an offline intranet does not have;
streamlit-authenticator 0.4 keeps its users in a YAML file it rewrites from inside the app,
re-authenticates through a cookie component (a JavaScript iframe), and has no hook for the
audit trail or a lockout shared across sessions. Here the users file belongs to `kpi users`
(orchestration/users.py: bcrypt hashes, a lockout counted from the audit trail), and the app
only asks it. The session lives in Streamlit's server-side session state: a browser cannot set
it, and a reload signs the user out (nothing is served before a login).
"""

from __future__ import annotations

import streamlit as st

from data import settings
from orchestration import audit, users
from orchestration.access import Role, User

SESSION_KEY = "kpi_user"


def current_user() -> User | None:
    entry = st.session_state.get(SESSION_KEY)
    if not entry:
        return None
    return User(entry["name"], Role.parse(entry["role"]))


def sign_in(user: User) -> None:
    st.session_state[SESSION_KEY] = {"name": user.name, "role": str(user.role)}


def record(action: str, *, subject: str = "", detail: str = "") -> None:
    """An audit event by the signed-in user."""
    user = current_user()
    audit.record(settings().audit_log, user.name if user else "", action,
                 role=str(user.role) if user else "", subject=subject, detail=detail)


def require(permission: str, what: str) -> User:
    """The user, when they may do `permission`; otherwise a refusal (audited) and the page stops."""
    user = current_user()
    if user is None or not user.can(permission):
        record("access_denied", subject=what, detail=permission)
        st.error(f"无权访问:{what}仅限数据办使用。" if permission in ("review", "upload", "run", "audit")
                 else f"无权访问:{what}。", icon=":material/block:")
        st.stop()
    return user


def login_page() -> None:
    """The one page served before a login."""
    st.title("产业政策目标监测 · 登录")
    paths = settings()
    if not users.load(paths.users):
        st.warning("尚未创建用户。请在服务器上运行 `kpi serve`(首次运行会创建数据办管理员并显示初始密码),"
                   "或 `kpi users add 用户名 --role office`。", icon=":material/person_off:")
        return
    with st.form("login"):
        name = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if not submitted:
        return
    try:
        user = users.authenticate(paths.users, paths.audit_log, name, password)
    except users.LockedOut:
        st.error(f"登录失败次数过多,请 {int(users.LOCKOUT.total_seconds() // 60)} 分钟后再试。")
        return
    if user is None:
        st.error("用户名或密码错误。")
        return
    sign_in(user)
    st.rerun()


def sidebar_user(role_labels: dict[str, str]) -> None:
    user = current_user()
    if user is None:
        return
    where = f" · {user.role.region_code}" if user.role.region_code else ""
    st.sidebar.text(f"当前用户:{user.name}({role_labels.get(user.role.kind, user.role.kind)}{where})")
    if st.sidebar.button("退出登录", key="logout"):
        record("logout")
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()
