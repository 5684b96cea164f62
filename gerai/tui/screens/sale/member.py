"""F2: find a member by number, phone or name (or scan the member card) and attach them."""

from __future__ import annotations

from gerai.core.i18n import t
from gerai.services.members.lookup import MemberInfo
from gerai.tui.screens.picker import PickerScreen


class MemberScreen(PickerScreen[MemberInfo]):
    """Pick a member."""

    title_key = "ui.member.title"
    placeholder_key = "ui.member.placeholder"

    def search(self, text: str) -> list[MemberInfo]:
        return self.till.search_members(text)

    def exact(self, text: str) -> MemberInfo | None:
        return self.till.find_member(text)

    def label(self, item: MemberInfo) -> str:
        state = "" if item.active else f"  ({t('ui.member.inactive')})"
        return f"{item.number:<11} {item.name[:36]:<36} {item.phone or ''}{state}"
