# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .res_company import FEE_MODES


class KomunigiFeeMonth(models.Model):
    """The fee settings of one month of one company, recorded when its fees are
    first invoiced (or its first animation hours recorded), so that the
    invoices and the reports of a past month never change with the settings.

    In shared mode the members who share the month are fixed when the month is
    first invoiced: the fee lines running on its first day.
    """

    _name = "komunigi.fee.month"
    _description = "komunigi Fee Settings of a Month"
    _order = "company_id, month desc"
    _rec_name = "month"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, readonly=True, help="First day of the month.")
    fee_amount = fields.Monetary(string="Fee per Month", readonly=True)
    fee_hours = fields.Float(string="Animation Hours Bought", readonly=True)
    fee_hourly_rate = fields.Monetary(
        string="Fee Hourly Rate",
        compute="_compute_fee_hourly_rate",
        store=True,
    )
    in_kind_hours = fields.Float(string="Hours in Kind", readonly=True)
    fee_mode = fields.Selection(FEE_MODES, readonly=True)
    is_invoiced = fields.Boolean(
        readonly=True,
        help="The fees of the month are invoiced: its settings and the members "
        "sharing it are fixed.",
    )
    paying_line_ids = fields.Many2many(
        "contract.line",
        "komunigi_fee_month_contract_line_rel",
        "month_id",
        "line_id",
        string="Paying Fee Lines",
        readonly=True,
        help="Shared mode: the fee lines that share the monthly amount.",
    )

    _sql_constraints = [
        (
            "komunigi_fee_month_unique",
            "unique(company_id, month)",
            "A company records the fee settings of a month once.",
        )
    ]

    @api.depends("fee_amount", "fee_hours")
    def _compute_fee_hourly_rate(self):
        for month in self:
            month.fee_hourly_rate = (
                month.fee_amount / month.fee_hours if month.fee_hours > 0 else 0.0
            )

    @api.model
    def _settings_values(self, company):
        return {
            "fee_amount": company.komunigi_fee_amount,
            "fee_hours": company.komunigi_fee_hours,
            "in_kind_hours": company.komunigi_in_kind_hours,
            "fee_mode": company.komunigi_fee_mode,
        }

    @api.model
    def _komunigi_month(self, company, day):
        """The record of the month of day, created with the current settings."""
        month = day.replace(day=1)
        Month = self.sudo()
        record = Month.search(
            [("company_id", "=", company.id), ("month", "=", month)], limit=1
        )
        if not record:
            record = Month.create(
                dict(self._settings_values(company), company_id=company.id, month=month)
            )
        return record

    @api.model
    def _komunigi_invoiced_month(self, company, day):
        """The record of the month of day, fixed for its invoicing: the settings
        of the first invoicing and, in shared mode, the fee lines running on
        the first day of the month."""
        record = self._komunigi_month(company, day)
        self.env.cr.execute(
            "SELECT id FROM komunigi_fee_month WHERE id = %s FOR UPDATE", [record.id]
        )
        record.invalidate_recordset()
        if not record.is_invoiced:
            vals = self._settings_values(company)
            vals["is_invoiced"] = True
            vals["paying_line_ids"] = [
                fields.Command.set(
                    self.env["contract.line"]
                    ._komunigi_running_fee_lines(company, record.month)
                    .ids
                )
            ]
            record.write(vals)
        return record

    @api.model
    def _komunigi_is_shared_month(self, company, day):
        """Whether the fees of the month of day are already shared out."""
        return bool(
            self.sudo().search_count(
                [
                    ("company_id", "=", company.id),
                    ("month", "=", day.replace(day=1)),
                    ("is_invoiced", "=", True),
                    ("fee_mode", "=", "shared"),
                ]
            )
        )

    @api.model
    def _komunigi_first_fee_day(self, company, admission_date):
        """First day a newly admitted member pays: the admission date when it is
        the first of a month, else the first of the next month; in shared mode
        never a month whose fees are already shared out between the others."""
        day = admission_date
        if day.day != 1:
            day = day + relativedelta(months=1, day=1)
        if company.komunigi_fee_mode == "shared":
            while self._komunigi_is_shared_month(company, day):
                day += relativedelta(months=1)
        return day

    def _komunigi_share(self, line):
        """Amount line pays for this month, or None when it does not share it.

        Shared mode: the monthly amount divided between the paying lines, the
        cents left over going one each to the first lines (by id), so that the
        month adds up exactly to its amount."""
        self.ensure_one()
        currency = self.currency_id
        if self.fee_mode != "shared":
            return currency.round(self.fee_amount)
        lines = self.paying_line_ids.sorted("id")
        if line not in lines:
            return None
        factor = 10**currency.decimal_places
        cents = round(self.fee_amount * factor)
        base, left = divmod(cents, len(lines))
        index = lines.ids.index(line.id)
        return currency.round((base + (1 if index < left else 0)) / factor)
