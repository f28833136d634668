# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models

from odoo.addons.account_customer_wallet.flow import CONTEXT_KEY, WalletFlow


class SessionClosing(WalletFlow):
    """Set by ``pos.session._validate_session`` around core's closing.

    The closing posts the session's entry: it books the wallet payments and
    top-ups of the orders, each checked under the wallet lock when it reached
    the server (an offline overdraft is flagged on its order), so posting it
    changes no balance and must not be refused, nor wait for the wallets'
    locks. Only the closing is exempt: its entry is never reset later (see
    ``account.move.write``).
    """

    __slots__ = ("session_id",)

    def __init__(self, session_id):
        self.session_id = session_id

    def _is_session_entry(self, move):
        session = move.env["pos.session"].sudo().browse(self.session_id)
        return bool(move.id) and session.move_id == move

    def allows_credit(self, move):
        return self._is_session_entry(move)

    def exempts_limit(self, move):
        return self._is_session_entry(move)

    def __repr__(self):
        return "<customer wallet: closing of session %s>" % self.session_id


class PosSession(models.Model):
    _inherit = "pos.session"

    def _validate_session(
        self,
        balancing_account=False,
        amount_to_balance=0,
        bank_payment_method_diffs=None,
    ):
        closing = self.with_context(**{CONTEXT_KEY: SessionClosing(self.id)})
        return super(PosSession, closing)._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
