# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, models
from odoo.tools import format_date


class ContractLine(models.Model):
    _inherit = "contract.line"

    def _prepare_invoice_line(self):
        vals = super()._prepare_invoice_line()
        if vals and self.contract_id.is_komunigi_fee and not self.display_type:
            date_from = self._get_period_to_invoice(
                self.last_date_invoiced, self.recurring_next_date
            )[0]
            company = self.contract_id.company_id
            month = self.env["komunigi.fee.month"]._komunigi_invoiced_month(
                company, date_from
            )
            amount = month._komunigi_share(self)
            if amount is None:
                # Shared mode: the month was shared out before this line
                # started; the line pays from the next month on.
                return {}
            vals["quantity"] = 1.0
            vals["price_unit"] = amount
            if company.komunigi_tax_rule == "none":
                vals["tax_ids"] = [Command.clear()]
            # The contract shows what it invoices.
            if company.currency_id.compare_amounts(self.specific_price, amount):
                self.specific_price = amount
        return vals

    @api.model
    def _komunigi_running_fee_lines(self, company, day):
        """Fee lines of company running on day."""
        return self.sudo().search(
            [
                ("contract_id.is_komunigi_fee", "=", True),
                ("contract_id.company_id", "=", company.id),
                ("display_type", "=", False),
                ("is_canceled", "=", False),
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ]
        )

    def _komunigi_end(self, date_end):
        """End fee lines on date_end, never before the end of the period already
        invoiced; a line that had not started yet is cancelled."""
        for line in self:
            end = max(date_end, line.last_date_invoiced or date_end)
            if end < line.date_start:
                line.write({"is_canceled": True, "is_auto_renew": False})
                body = _("The komunigi fee is cancelled: the organisation withdrew.")
            else:
                line.write(line._prepare_value_for_stop(end, False))
                body = _(
                    "The komunigi fee ends on %(date)s: the organisation withdrew.",
                    date=format_date(self.env, end),
                )
            line.contract_id.message_post(body=body)
        return True
