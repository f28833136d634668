# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models, tools


class KomunigiAnimationReport(models.Model):
    """Per company and month: the animation hours funded (fees invoiced divided
    by the hourly rate, plus Coop IT Easy's hours in kind, both as recorded for
    the month) against the hours timesheeted on the animation projects."""

    _name = "komunigi.animation.report"
    _description = "komunigi Animation Hours Funded and Spent"
    _auto = False
    _order = "month desc"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True)
    fee_amount = fields.Monetary(string="Fees Invoiced", readonly=True)
    fee_hours = fields.Float(string="Hours Funded by Fees", readonly=True)
    in_kind_hours = fields.Float(string="Hours in Kind", readonly=True)
    funded_hours = fields.Float(string="Hours Funded", readonly=True)
    spent_hours = fields.Float(string="Hours Spent", readonly=True)
    balance_hours = fields.Float(
        string="Hours Left",
        readonly=True,
        help="Hours funded minus hours spent; negative when more was spent.",
    )

    def init(self):
        # The fees are those of the fee report, added up per month: its view
        # is created first (see report/__init__.py).
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH fees AS (
                    SELECT company_id, month, SUM(amount_invoiced) AS amount
                    FROM komunigi_fee_report
                    GROUP BY 1, 2
                ), spent AS (
                    SELECT timesheet.company_id,
                        date_trunc('month', timesheet.date)::date AS month,
                        SUM(timesheet.unit_amount) AS hours
                    FROM account_analytic_line timesheet
                    JOIN project_project project
                        ON project.id = timesheet.project_id
                    WHERE project.komunigi_is_animation_project
                    GROUP BY 1, 2
                ), months AS (
                    SELECT company_id, month FROM fees
                    UNION
                    SELECT company_id, month FROM spent
                )
                SELECT
                    months.company_id * 1000000
                        + EXTRACT(YEAR FROM months.month)::int * 100
                        + EXTRACT(MONTH FROM months.month)::int AS id,
                    months.company_id,
                    company.currency_id,
                    months.month,
                    COALESCE(fees.amount, 0) AS fee_amount,
                    funding.fee_hours,
                    funding.in_kind_hours,
                    funding.fee_hours + funding.in_kind_hours AS funded_hours,
                    COALESCE(spent.hours, 0) AS spent_hours,
                    funding.fee_hours + funding.in_kind_hours
                        - COALESCE(spent.hours, 0) AS balance_hours
                FROM months
                JOIN res_company company ON company.id = months.company_id
                LEFT JOIN komunigi_fee_month settings
                    ON settings.company_id = months.company_id
                    AND settings.month = months.month
                LEFT JOIN fees ON fees.company_id = months.company_id
                    AND fees.month = months.month
                LEFT JOIN spent ON spent.company_id = months.company_id
                    AND spent.month = months.month
                CROSS JOIN LATERAL (
                    -- the rates recorded for the month, the current settings
                    -- for a month that has none yet
                    SELECT COALESCE(settings.fee_hourly_rate,
                            company.komunigi_fee_hourly_rate, 0) AS rate,
                        COALESCE(settings.in_kind_hours,
                            company.komunigi_in_kind_hours, 0) AS in_kind_hours
                ) rates
                CROSS JOIN LATERAL (
                    SELECT CASE WHEN rates.rate > 0
                            THEN COALESCE(fees.amount, 0) / rates.rate
                            ELSE 0 END AS fee_hours,
                        rates.in_kind_hours
                ) funding
            )
            """
        )
