# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import calendar

from odoo import _, models
from odoo.tools import format_date


class ContractLine(models.Model):
    _inherit = "contract.line"

    def _prepare_invoice_line(self):
        vals = super()._prepare_invoice_line()
        if vals and self.contract_id.is_komunigi_fee and not self.display_type:
            date_from, date_to, __ = self._get_period_to_invoice(
                self.last_date_invoiced, self.recurring_next_date
            )
            vals["quantity"] = 1.0
            vals["price_unit"] = self._komunigi_fee_amount(date_from, date_to)
        return vals

    def _komunigi_fee_amount(self, date_from, date_to):
        """Fee of this member for the period (within one calendar month).

        Shared mode: the monthly amount is divided between the members paying on
        the first day of the period (this one included). A period shorter than its
        month (admission or withdrawal during the month) pays its days only.
        """
        self.ensure_one()
        company = self.contract_id.company_id
        monthly = company.komunigi_fee_amount
        if company.komunigi_fee_mode == "shared":
            monthly /= max(self._komunigi_paying_members_count(company, date_from), 1)
        month_days = calendar.monthrange(date_from.year, date_from.month)[1]
        days = min((date_to - date_from).days + 1, month_days)
        return company.currency_id.round(monthly * days / month_days)

    def _komunigi_paying_members_count(self, company, day):
        return self.sudo().search_count(
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
