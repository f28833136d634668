# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, models
from odoo.exceptions import UserError

# Fields of a payment that core writes onto its posted journal items.
WALLET_PAYMENT_FIELDS = frozenset(
    {
        "amount",
        "currency_id",
        "partner_id",
        "partner_type",
        "payment_type",
        "journal_id",
        "payment_method_line_id",
        "destination_account_id",
        "is_internal_transfer",
    }
)


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def write(self, vals):
        # Core rewrites the journal items of a posted payment in place: one
        # moving a wallet is reset to draft first (which the ledger checks).
        Move = self.env["account.move"]
        fields_written = WALLET_PAYMENT_FIELDS.intersection(vals)
        if fields_written:
            for payment in self.filtered(lambda pay: pay.state == "posted"):
                changed = any(
                    Move._field_will_change(payment, vals, fname)
                    for fname in fields_written
                )
                if changed and payment.move_id._customer_wallet_lines():
                    raise UserError(
                        _(
                            "The payment %(payment)s moves a customer's wallet: "
                            "reset it to draft before changing its amount, "
                            "customer or journal.",
                            payment=payment.display_name,
                        )
                    )
        return super().write(vals)
