# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import ValidationError

from .project_task_type import FUNDED_STATES


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._komunigi_record_animation_months()
        return lines

    def write(self, vals):
        if {"task_id", "unit_amount"} & set(vals):
            # Nor taken off a settled request.
            self.task_id.sudo()._komunigi_check_not_settled()
        return super().write(vals)

    def unlink(self):
        self.task_id.sudo()._komunigi_check_not_settled()
        return super().unlink()

    def _komunigi_record_animation_months(self):
        """Record the rates of the months that receive animation hours, so that
        their report does not change with the settings."""
        Month = self.env["komunigi.fee.month"]
        for company, day in {
            (line.company_id, line.date)
            for line in self
            if line.project_id.komunigi_is_animation_project and line.date
        }:
            Month._komunigi_month(company, day)

    @api.constrains("task_id", "unit_amount")
    def _check_komunigi_request_funded(self):
        """Development time is recorded on funded requests only; the analysis of a
        request before its funding is animation work, timesheeted on the
        animation project."""
        for line in self:
            task = line.task_id
            if task.komunigi_is_request and task.komunigi_request_state not in (
                FUNDED_STATES
            ):
                raise ValidationError(
                    _(
                        "No development time can be recorded on %(request)s before "
                        "it is funded.",
                        request=task.display_name,
                    )
                )
        self.task_id._komunigi_check_not_settled()
