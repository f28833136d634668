# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models

from .. import guard


class PosSession(models.Model):
    """The closing of a session, through the frozen wallet orders."""

    _inherit = "pos.session"

    def _validate_session(
        self,
        balancing_account=False,
        amount_to_balance=0,
        bank_payment_method_diffs=None,
    ):
        # Once the session's entry is posted, core marks its paid orders done:
        # the marker lets exactly that write through (guard.SessionClosing).
        closing = self.with_context(
            **{guard.CONTEXT_KEY: guard.SessionClosing(self.id)}
        )
        return super(PosSession, closing)._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
