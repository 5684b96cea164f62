"""F2: find a member by number, phone or name (or scan the member card) and attach them."""

from __future__ import annotations

from gerai.core.i18n import t
from gerai.services.members.lookup import MemberInfo, find_member, search_members
from gerai.tui.screens.picker import PickerScreen


class MemberScreen(PickerScreen[MemberInfo]):
    """Pick a member."""

    title_key = "ui.member.title"
    placeholder_key = "ui.member.placeholder"

    def search(self, text: str) -> list[MemberInfo]:
        with self.app.database.read() as session:  # type: ignore[attr-defined]
            return search_members(session, text)

    def exact(self, text: str) -> MemberInfo | None:
        with self.app.database.read() as session:  # type: ignore[attr-defined]
            return find_member(session, text)

    def label(self, item: MemberInfo) -> str:
        state = "" if item.active else f"  ({t('ui.member.inactive')})"
        return f"{item.number:<11} {item.name[:36]:<36} {item.phone or ''}{state}"
