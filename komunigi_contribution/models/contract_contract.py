# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    is_komunigi_fee = fields.Boolean(
        string="komunigi Fee Contract",
        readonly=True,
        copy=False,
        index=True,
        help="Monthly membership fee of a komunigi member organisation, started "
        "on its admission and ended on its withdrawal.",
    )

    def _prepare_recurring_invoices_values(self, date_ref=False):
        values = super()._prepare_recurring_invoices_values(date_ref=date_ref)
        if any(self.mapped("is_komunigi_fee")):
            # A fee line that does not share a month returns no invoice line:
            # no empty invoice for it.
            values = [vals for vals in values if vals.get("invoice_line_ids")]
        return values
