"""The edit log: who changed what and when. The editing user comes from the display layer (`set_user_source`),
else the OS login; the store never imports streamlit."""
from __future__ import annotations

import getpass
from typing import Callable, Optional

from lib.store.schema import edit_log
from lib.store.connect import _now


def log_edit(conn, action: str, article_id: Optional[str] = None, field: Optional[str] = None,
             old: Optional[str] = None, new: Optional[str] = None, user: Optional[str] = None) -> None:
    conn.execute(edit_log.insert().values(at=_now(), user_name=user or default_user(), action=action,
                                          article_id=article_id, field=field, old_value=old, new_value=new))


def _nobody() -> Optional[str]:
    return None


# Who is editing, as the display layer knows it: lib/app/data.py sets the signed-in dashboard user here, so the
# store never imports streamlit (the CLI has no such user, and the OS login is recorded).
_user_source: Callable[[], Optional[str]] = _nobody


def set_user_source(source: Callable[[], Optional[str]]) -> None:
    """Where `default_user` asks first for the editing user (a callable returning a name or None)."""
    global _user_source
    _user_source = source


def default_user() -> str:
    """The user the display layer names (the dashboard's signed-in user), else the OS login."""
    return _user_source() or _os_user()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""
