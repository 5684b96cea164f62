"""What members bring to the counter that is not a sale (`MemberPayment`): which way each kind's
money goes, and the methods each may be paid with. Deposits and repayments are money in; a
sukarela withdrawal is money out. None of it is ever a sale."""

from __future__ import annotations

from gerai.core.words import MemberPaymentKind, PaymentMethod

SAVINGS_KINDS = (MemberPaymentKind.POKOK, MemberPaymentKind.WAJIB, MemberPaymentKind.SUKARELA)
DEPOSIT_KINDS = (*SAVINGS_KINDS, MemberPaymentKind.REPAYMENT)  # money into the till
WITHDRAWAL_KINDS = (MemberPaymentKind.SUKARELA_OUT,)  # money out of the till
KINDS = (*DEPOSIT_KINDS, *WITHDRAWAL_KINDS)
IN_METHODS = (PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER)
OUT_METHODS = (PaymentMethod.CASH, PaymentMethod.TRANSFER)
