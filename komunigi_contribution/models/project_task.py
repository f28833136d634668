# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, is_html_empty, plaintext2html

from .project_task_type import ESTIMATED_STATES, FUNDED_STATES, WORK_STATES

REQUEST_PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]

# What the portal users of the requesting organisation read of their requests.
PORTAL_READABLE_FIELDS = {
    "komunigi_is_request",
    "komunigi_request_state",
    "komunigi_requester_id",
    "komunigi_specification",
    "komunigi_priority",
    "komunigi_estimate_hours",
    "komunigi_funded_percent",
}


class ProjectTask(models.Model):
    _inherit = "project.task"

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS | PORTAL_READABLE_FIELDS

    komunigi_is_request = fields.Boolean(
        string="Is an Improvement Request",
        related="project_id.komunigi_is_request_project",
        store=True,
    )
    komunigi_request_state = fields.Selection(
        string="Request State",
        related="stage_id.komunigi_request_state",
        store=True,
        index=True,
    )
    komunigi_requester_id = fields.Many2one(
        "res.partner",
        string="Requesting Organisation",
        tracking=True,
        index="btree_not_null",
        domain="[('is_company', '=', True), ('komunigi_state', '=', 'member')]",
    )
    komunigi_specification = fields.Html(
        string="Specification",
        help="What the development must do, as analysed with the requesting "
        "organisation; required before the request is estimated.",
    )
    komunigi_priority = fields.Selection(
        REQUEST_PRIORITIES, string="Request Priority", default="1", tracking=True
    )
    komunigi_estimate_hours = fields.Float(
        string="Estimate (Hours)",
        tracking=True,
        help="Development hours the request needs; the co-funders share them.",
    )
    komunigi_assembly_id = fields.Many2one(
        "calendar.event",
        string="Deciding Assembly",
        tracking=True,
        domain="[('is_komunigi_assembly', '=', True)]",
        help="Intercoop assembly that decided the priority or the funding of the "
        "request.",
    )
    komunigi_share_ids = fields.One2many(
        "komunigi.funding.share", "request_id", string="Co-funding Shares"
    )
    komunigi_funded_percent = fields.Float(
        string="Funded (%)",
        compute="_compute_komunigi_funding",
        store=True,
        digits=(16, 2),
    )
    komunigi_funded_hours = fields.Float(
        string="Funded Hours", compute="_compute_komunigi_funding", store=True
    )
    komunigi_funded_amount = fields.Monetary(
        string="Funded Amount",
        compute="_compute_komunigi_funding",
        store=True,
        currency_field="komunigi_currency_id",
    )
    komunigi_currency_id = fields.Many2one(related="company_id.currency_id")
    komunigi_overrun_hours = fields.Float(
        string="Overrun (Hours)",
        compute="_compute_komunigi_overrun_hours",
        help="Hours spent beyond the funded hours.",
    )
    komunigi_invoice_count = fields.Integer(
        string="Co-funding Invoice Count", compute="_compute_komunigi_invoice_count"
    )

    @api.depends(
        "komunigi_share_ids.percent",
        "komunigi_share_ids.hours",
        "komunigi_share_ids.amount",
    )
    def _compute_komunigi_funding(self):
        for task in self:
            shares = task.komunigi_share_ids
            task.komunigi_funded_percent = sum(shares.mapped("percent"))
            task.komunigi_funded_hours = sum(shares.mapped("hours"))
            task.komunigi_funded_amount = sum(shares.mapped("amount"))

    @api.depends("effective_hours", "komunigi_funded_hours")
    def _compute_komunigi_overrun_hours(self):
        for task in self:
            task.komunigi_overrun_hours = max(
                task.effective_hours - task.komunigi_funded_hours, 0.0
            )

    def _compute_komunigi_invoice_count(self):
        groups = self.env["account.move"]._read_group(
            [("komunigi_request_id", "in", self.ids)],
            ["komunigi_request_id"],
            ["komunigi_request_id"],
        )
        counts = {
            group["komunigi_request_id"][0]: group["komunigi_request_id_count"]
            for group in groups
        }
        for task in self:
            task.komunigi_invoice_count = counts.get(task.id, 0)

    def _komunigi_is_fully_funded(self):
        self.ensure_one()
        return (
            float_compare(self.komunigi_funded_percent, 100.0, precision_digits=2) >= 0
        )

    @api.constrains(
        "stage_id", "komunigi_specification", "komunigi_estimate_hours", "project_id"
    )
    def _check_komunigi_request_guards(self):
        for task in self.filtered("komunigi_is_request"):
            state = task.komunigi_request_state
            if state in ESTIMATED_STATES and (
                is_html_empty(task.komunigi_specification)
                or float_compare(task.komunigi_estimate_hours, 0.0, precision_digits=2)
                <= 0
            ):
                raise ValidationError(
                    _(
                        "%(request)s cannot be estimated without a specification "
                        "and an estimate in hours.",
                        request=task.display_name,
                    )
                )
            if state in WORK_STATES and not task._komunigi_is_fully_funded():
                raise ValidationError(
                    _(
                        "Work on %(request)s cannot start before it is funded: the "
                        "shares cover %(percent)s %% of the estimate.",
                        request=task.display_name,
                        percent=task.komunigi_funded_percent,
                    )
                )
            if state in FUNDED_STATES and not task._komunigi_is_fully_funded():
                raise ValidationError(
                    _(
                        "%(request)s cannot be funded before the shares cover the "
                        "whole estimate: they cover %(percent)s %% of it.",
                        request=task.display_name,
                        percent=task.komunigi_funded_percent,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._komunigi_subscribe_requesters()
        return tasks

    def write(self, vals):
        res = super().write(vals)
        if vals.get("komunigi_requester_id"):
            self._komunigi_subscribe_requesters()
        return res

    def _komunigi_subscribe_requesters(self):
        """The requesting organisation follows its request, so that its portal
        users can read it."""
        for task in self.filtered("komunigi_requester_id"):
            task.message_subscribe(partner_ids=task.komunigi_requester_id.ids)

    # Co-funding invoices

    def action_komunigi_invoice_shares(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "komunigi_contribution.komunigi_funding_invoice_wizard_action"
        )
        action["context"] = {"default_request_ids": self.ids}
        return action

    def action_komunigi_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("komunigi_request_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    def _komunigi_lock_shares(self):
        """Serialise the invoicing of the shares of these requests."""
        self.env.cr.execute(
            "SELECT id FROM komunigi_funding_share WHERE request_id IN %s "
            "ORDER BY id FOR UPDATE",
            [tuple(self.ids)],
        )
        self.env["komunigi.funding.share"].invalidate_model(["invoice_id"])

    def _komunigi_invoice_shares(self, invoice_date=None, journal=None):
        """One invoice per co-funder share not invoiced yet, linked back to the
        request; returns the invoices."""
        for request in self:
            if (
                not request.komunigi_is_request
                or request.komunigi_request_state not in FUNDED_STATES
            ):
                raise UserError(
                    _(
                        "%(request)s is not funded: record shares covering its whole "
                        "estimate and move it to the funded stage before invoicing "
                        "the co-funders.",
                        request=request.display_name,
                    )
                )
        self._komunigi_lock_shares()
        shares = self.komunigi_share_ids.filtered(
            lambda s: not s.invoice_id or s.invoice_id.state == "cancel"
        )
        if not shares:
            raise UserError(
                _(
                    "Every co-funder of %(requests)s is already invoiced.",
                    requests=", ".join(self.mapped("display_name")),
                )
            )
        moves = self.env["account.move"]
        for share in shares:
            move = moves.create(share._komunigi_prepare_invoice(invoice_date, journal))
            share.invoice_id = move
            moves |= move
        return moves

    # Portal

    @api.model
    def _komunigi_create_portal_request(self, name, description):
        """Create the improvement request a portal user submits for their member
        organisation (the portal user cannot create tasks)."""
        organisation = self.env.user.partner_id.commercial_partner_id
        if organisation.komunigi_state != "member":
            raise AccessError(
                _("Only the users of member organisations can submit requests.")
            )
        Task = self.sudo().with_company(self.env.company)
        project = Task.env["project.project"].search(
            [
                ("komunigi_is_request_project", "=", True),
                ("company_id", "in", (False, self.env.company.id)),
            ],
            limit=1,
        )
        if not project:
            raise UserError(_("komunigi does not collect improvement requests yet."))
        stage = project.type_ids.filtered(
            lambda s: s.komunigi_request_state == "collected"
        )[:1]
        task = Task.create(
            {
                "name": name,
                "description": plaintext2html(description or ""),
                "project_id": project.id,
                "stage_id": stage.id,
                "komunigi_requester_id": organisation.id,
                "user_ids": [(5, 0, 0)],
            }
        )
        task.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        return task.with_env(self.env)

    @api.model
    def _komunigi_requests_action(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "komunigi_contribution.komunigi_request_action"
        )
        project = self.env["project.project"].search(
            [
                ("komunigi_is_request_project", "=", True),
                ("company_id", "in", (False, self.env.company.id)),
            ],
            limit=1,
        )
        if project:
            action["context"] = {"default_project_id": project.id}
        return action
