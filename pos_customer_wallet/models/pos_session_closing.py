# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models

from odoo.addons.account_customer_wallet.flow import CONTEXT_KEY as FLOW_KEY

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
        # The marker lets exactly the closing's own writes through: the
        # posting of the session's entry and, once it is posted, core marking
        # the paid orders done (guard.SessionClosing).
        marker = guard.SessionClosing(self.id)
        closing = self.with_context(**{guard.CONTEXT_KEY: marker, FLOW_KEY: marker})
        return super(PosSession, closing)._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
