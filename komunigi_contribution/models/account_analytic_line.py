# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .project_task_type import FUNDED_STATES


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    komunigi_is_animation = fields.Boolean(
        related="project_id.komunigi_is_animation_project"
    )
    komunigi_request_id = fields.Many2one(
        "project.task",
        string="Request Analysed",
        index="btree_not_null",
        domain="[('komunigi_is_request', '=', True), ('company_id', '=', company_id)]",
        help="The improvement request whose analysis (collecting, clarifying, "
        "specifying, prioritising, estimating) this animation time served.",
    )

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

    @api.constrains("komunigi_request_id", "project_id", "company_id")
    def _check_komunigi_request_analysed(self):
        """The analysis of a request is animation work: booked against the
        request on the animation project of the request's company only."""
        for line in self.filtered("komunigi_request_id"):
            request = line.komunigi_request_id
            if not line.project_id:
                raise ValidationError(
                    _(
                        "The analysis of %(request)s is animation work: book it on "
                        "the animation project.",
                        request=request.display_name,
                    )
                )
            if not line.project_id.komunigi_is_animation_project:
                raise ValidationError(
                    _(
                        "The analysis of %(request)s is animation work: book it on "
                        "the animation project, not on %(project)s.",
                        request=request.display_name,
                        project=line.project_id.display_name,
                    )
                )
            if not request.komunigi_is_request:
                raise ValidationError(
                    _(
                        "%(task)s is not an improvement request: only the "
                        "analysis of a request is booked against it.",
                        task=request.display_name,
                    )
                )
            if request.company_id != line.company_id:
                raise ValidationError(
                    _(
                        "%(request)s belongs to %(request_company)s: its analysis "
                        "cannot be booked in %(company)s.",
                        request=request.display_name,
                        request_company=request.company_id.display_name,
                        company=line.company_id.display_name,
                    )
                )
