"""What members bring to the counter that is not a sale (`MemberPayment`): the kinds, which
way the money goes, and the methods each may be paid with. Deposits and repayments are money
in; a sukarela withdrawal is money out. None of it is ever a sale."""

from __future__ import annotations

CASH = "tunai"
POKOK, WAJIB, SUKARELA, SUKARELA_OUT, REPAYMENT = (
    "pokok",
    "wajib",
    "sukarela",
    "sukarela_out",
    "repayment",
)
SAVINGS_KINDS = (POKOK, WAJIB, SUKARELA)
DEPOSIT_KINDS = (*SAVINGS_KINDS, REPAYMENT)  # money into the till
WITHDRAWAL_KINDS = (SUKARELA_OUT,)  # money out of the till
KINDS = (*DEPOSIT_KINDS, *WITHDRAWAL_KINDS)
IN_METHODS = (CASH, "qris", "transfer")
OUT_METHODS = (CASH, "transfer")
