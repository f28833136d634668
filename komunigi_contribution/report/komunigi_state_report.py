# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

MONTH_TOTALS = (
    "fees_invoiced",
    "fees_collected",
    "fee_hours",
    "in_kind_hours",
    "spent_hours",
)


def quarter_range(year, quarter):
    """The first and the last day of the quarter (1 to 4) of year."""
    date_from = date(year, 3 * quarter - 2, 1)
    return date_from, date_from + relativedelta(months=3, days=-1)


def last_full_quarter(today):
    """(year, quarter) of the last quarter ended before today."""
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    start -= relativedelta(months=3)
    return start.year, (start.month - 1) // 3 + 1


class ReportKomunigiState(models.AbstractModel):
    """The quarterly "state of komunigi" for the assembly: the transparency
    figures of one quarter, for the komunigi companies of the user."""

    _name = "report.komunigi_contribution.report_komunigi_state"
    _description = "State of komunigi for the Assembly"

    @api.model
    def _komunigi_check_reader(self):
        user = self.env.user
        if user.partner_id.commercial_partner_id.komunigi_state != "member" and not (
            user.has_group("komunigi_membership.group_komunigi_user")
        ):
            raise AccessError(
                _(
                    "The state of komunigi is for the member organisations and "
                    "the komunigi users only."
                )
            )

    @api.model
    def _get_report_values(self, docids, data=None):
        self._komunigi_check_reader()
        data = data or {}
        year, quarter = data.get("year"), data.get("quarter")
        if year is None and quarter is None:
            year, quarter = last_full_quarter(fields.Date.context_today(self))
        if (
            type(year) is not int
            or type(quarter) is not int
            or quarter not in (1, 2, 3, 4)
            or not 2000 <= year <= 2999
        ):
            raise UserError(_("Choose a quarter, from 1 to 4, of a year."))
        date_from, date_to = quarter_range(year, quarter)
        values = self.env["komunigi.transparency"]._komunigi_values(
            date_from=date_from, date_to=date_to
        )
        months = values["months"]
        activities = defaultdict(float)
        for row in months:
            for name, hours in row["activities"]:
                activities[name] += hours
        lead_days = [days for __, days in values["lead_times"]]
        values.update(
            {
                "doc_ids": docids,
                "doc_model": "komunigi.state.report.wizard",
                "docs": self.env["komunigi.state.report.wizard"].browse(docids),
                "company": self.env.company,
                "year": year,
                "quarter": quarter,
                "totals": {
                    key: sum(row[key] for row in months) for key in MONTH_TOTALS
                },
                "quarter_activities": sorted(activities.items()),
                "average_lead_days": (
                    float_round(sum(lead_days) / len(lead_days), precision_digits=1)
                    if lead_days
                    else None
                ),
                "float_round": float_round,
            }
        )
        return values
