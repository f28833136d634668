# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models

from ..report.komunigi_state_report import last_full_quarter

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class KomunigiStateReportWizard(models.TransientModel):
    """Print the state of komunigi of one quarter for the assembly."""

    _name = "komunigi.state.report.wizard"
    _description = "Print the State of komunigi"

    def _default_year(self):
        return last_full_quarter(fields.Date.context_today(self))[0]

    def _default_quarter(self):
        return str(last_full_quarter(fields.Date.context_today(self))[1])

    year = fields.Integer(required=True, default=_default_year)
    quarter = fields.Selection(QUARTERS, required=True, default=_default_quarter)

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "komunigi_contribution.action_report_komunigi_state"
        ).report_action(self, data={"year": self.year, "quarter": int(self.quarter)})
