# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, is_html_empty, plaintext2html

from .project_task_type import (
    ESTIMATED_STATES,
    FUNDED_STATES,
    REQUEST_STATES,
    WORK_STATES,
)

COORDINATOR_GROUP = "komunigi_membership.group_komunigi_coordinator"
# The stages a request goes through, in order (rejected stands apart).
REQUEST_FLOW = [state for state, __ in REQUEST_STATES if state != "rejected"]
STATE_RANK = {state: rank for rank, state in enumerate(REQUEST_FLOW)}

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
    komunigi_analysis_hours = fields.Float(
        string="Analysis Hours",
        compute="_compute_komunigi_analysis_hours",
        help="Animation hours timesheeted on the analysis of the request "
        "(collecting, clarifying, specifying, prioritising, estimating), paid by "
        "the fees.",
    )

    @api.depends(
        "komunigi_share_ids.net_percent",
        "komunigi_share_ids.net_hours",
        "komunigi_share_ids.net_amount",
    )
    def _compute_komunigi_funding(self):
        # What late joiners bought moved from the earlier shares to theirs.
        for task in self:
            shares = task.komunigi_share_ids
            task.komunigi_funded_percent = sum(shares.mapped("net_percent"))
            task.komunigi_funded_hours = sum(shares.mapped("net_hours"))
            task.komunigi_funded_amount = sum(shares.mapped("net_amount"))

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

    def _compute_komunigi_analysis_hours(self):
        # With the user's rights: a timesheet user counts the lines they read.
        Line = self.env["account.analytic.line"]
        hours = {}
        if self.ids and Line.check_access_rights("read", raise_exception=False):
            hours = {
                group["komunigi_request_id"][0]: group["unit_amount"]
                for group in Line._read_group(
                    [
                        ("komunigi_request_id", "in", self.ids),
                        ("project_id.komunigi_is_animation_project", "=", True),
                    ],
                    ["unit_amount:sum"],
                    ["komunigi_request_id"],
                )
            }
        for task in self:
            task.komunigi_analysis_hours = hours.get(task.id, 0.0)

    def _komunigi_is_fully_funded(self):
        self.ensure_one()
        return (
            float_compare(self.komunigi_funded_percent, 100.0, precision_digits=2) >= 0
        )

    def _komunigi_has_live_invoices(self):
        """Whether a share of this request is invoiced (an invoice neither
        cancelled nor credited)."""
        self.ensure_one()
        return any(
            share.invoice_id
            and share.invoice_id.state != "cancel"
            and share.invoice_id.payment_state != "reversed"
            for share in self.komunigi_share_ids
        )

    def _komunigi_requirement_error(self, vals=None):
        """Why the request cannot be in its stage with its current values, or
        with vals written on it (a sentence), or False."""
        self.ensure_one()
        vals = vals or {}
        state = self.komunigi_request_state
        if "stage_id" in vals:
            state = (
                self.env["project.task.type"]
                .browse(vals["stage_id"])
                .komunigi_request_state
            )
        specification = vals.get("komunigi_specification", self.komunigi_specification)
        estimate = vals.get("komunigi_estimate_hours", self.komunigi_estimate_hours)
        if not self.komunigi_is_request or not state or state == "rejected":
            return False
        rank = STATE_RANK[state]
        if rank >= STATE_RANK["specified"] and is_html_empty(specification):
            return _(
                "%(request)s cannot be specified without a specification.",
                request=self.display_name,
            )
        if state in ESTIMATED_STATES and (
            float_compare(estimate or 0.0, 0.0, precision_digits=2) <= 0
        ):
            return _(
                "%(request)s cannot be estimated without a specification "
                "and an estimate in hours.",
                request=self.display_name,
            )
        if state in WORK_STATES and not self._komunigi_is_fully_funded():
            return _(
                "Work on %(request)s cannot start before it is funded: the "
                "shares cover %(percent)s %% of the estimate.",
                request=self.display_name,
                percent=self.komunigi_funded_percent,
            )
        if state in FUNDED_STATES and not self._komunigi_is_fully_funded():
            return _(
                "%(request)s cannot be funded before the shares cover the "
                "whole estimate: they cover %(percent)s %% of it.",
                request=self.display_name,
                percent=self.komunigi_funded_percent,
            )
        return False

    def _komunigi_move_error(self, old_state, stage):
        """Why the request cannot move from old_state to stage (a sentence), or
        False: forward one stage at a time, back freely, never out of the
        funded stages while co-funders are invoiced."""
        self.ensure_one()
        new_state = stage.komunigi_request_state
        if not self.komunigi_is_request or not new_state or new_state == old_state:
            return False
        if (
            old_state in FUNDED_STATES
            and new_state not in FUNDED_STATES
            and self._komunigi_has_live_invoices()
        ):
            return _(
                "%(request)s has co-funding invoices: re-estimate it, which "
                "cancels or credits them, before it leaves the funded stages.",
                request=self.display_name,
            )
        if new_state == "rejected" or not old_state:
            return False
        if old_state == "rejected":
            allowed = "collected"
        else:
            if STATE_RANK[new_state] <= STATE_RANK[old_state]:
                return False
            allowed = REQUEST_FLOW[STATE_RANK[old_state] + 1]
        if new_state != allowed:
            labels = dict(
                self.env["project.task.type"]
                ._fields["komunigi_request_state"]
                ._description_selection(self.env)
            )
            return _(
                "%(request)s cannot go from %(old)s to %(new)s: its next stage is "
                "%(next)s.",
                request=self.display_name,
                old=labels[old_state],
                new=stage.name,
                next=labels[allowed],
            )
        return False

    @api.constrains(
        "stage_id",
        "komunigi_specification",
        "komunigi_estimate_hours",
        "project_id",
        "komunigi_share_ids",
    )
    def _check_komunigi_request_guards(self):
        for task in self.filtered("komunigi_is_request"):
            error = task._komunigi_requirement_error()
            if error:
                raise ValidationError(error)

    @api.onchange("stage_id")
    def _onchange_komunigi_stage_id(self):
        """Refuse a stage in the form before it is saved: the form goes back to
        the stage it had, with the reason."""
        origin = self._origin
        if not self.komunigi_is_request or not origin or not self.stage_id:
            return None
        old_state = origin.stage_id.komunigi_request_state
        error = (
            self._komunigi_move_error(old_state, self.stage_id)
            or self._komunigi_requirement_error()
        )
        if not error:
            return None
        self.stage_id = origin.stage_id
        return {
            "warning": {
                "title": _("This stage is not possible yet"),
                "message": error,
                "type": "dialog",
            }
        }

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._komunigi_subscribe_requesters()
        return tasks

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["project.task.type"].browse(vals["stage_id"])
            for task in self.filtered("komunigi_is_request"):
                error = task._komunigi_move_error(task.komunigi_request_state, stage)
                if error:
                    raise UserError(error)
                # Refused before the write, so that nothing shows the stage.
                error = task._komunigi_requirement_error(vals)
                if error:
                    raise ValidationError(error)
        if "komunigi_estimate_hours" in vals:
            for task in self.filtered("komunigi_is_request"):
                if float_compare(
                    task.komunigi_estimate_hours,
                    vals["komunigi_estimate_hours"] or 0.0,
                    precision_digits=2,
                ) and (
                    task.komunigi_request_state in FUNDED_STATES
                    or task._komunigi_has_live_invoices()
                ):
                    raise UserError(
                        _(
                            "The estimate of %(request)s is frozen: it is funded. "
                            "Re-estimate it to change it; that cancels or credits "
                            "its co-funding invoices.",
                            request=task.display_name,
                        )
                    )
        res = super().write(vals)
        if vals.get("komunigi_requester_id"):
            self._komunigi_subscribe_requesters()
        return res

    def action_komunigi_reestimate(self):
        """Open the estimate of funded requests again: cancel their draft
        co-funding invoices, credit the posted ones, release the shares and put
        the requests back in the estimated stage."""
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                _("Only a komunigi coordinator can re-estimate a funded request.")
            )
        for request in self:
            if (
                not request.komunigi_is_request
                or request.komunigi_request_state not in FUNDED_STATES
            ):
                raise UserError(
                    _(
                        "%(request)s is not funded: its estimate can be changed "
                        "as it is.",
                        request=request.display_name,
                    )
                )
            stage = request.project_id.type_ids.filtered(
                lambda s: s.komunigi_request_state == "estimated"
            )[:1]
            if not stage:
                raise UserError(
                    _(
                        "The project of %(request)s has no estimated stage.",
                        request=request.display_name,
                    )
                )
            if request.komunigi_share_ids.ceded_transfer_ids or (
                request.komunigi_settlement_date
            ):
                raise UserError(
                    _(
                        "%(request)s has late joiners or is settled: its "
                        "invoices and credit notes stand, it cannot be "
                        "re-estimated any more.",
                        request=request.display_name,
                    )
                )
            request._komunigi_lock_shares()
            invoices = request.komunigi_share_ids.invoice_id
            voided = request._komunigi_void_invoices(invoices)
            request.komunigi_share_ids._komunigi_set_invoice(invoices.browse())
            request.stage_id = stage
            request.message_post(
                body=_(
                    "Re-estimated: the co-funding invoices %(invoices)s are "
                    "cancelled or credited; the estimate and the shares can "
                    "change again.",
                    invoices=", ".join(voided.mapped("display_name")) or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _komunigi_void_invoices(self, invoices):
        """Cancel the draft invoices, credit the posted ones; returns them."""
        drafts = invoices.filtered(lambda m: m.state == "draft")
        drafts.button_cancel()
        posted = invoices.filtered(
            lambda m: m.state == "posted" and m.payment_state != "reversed"
        )
        for move in posted:
            unpaid = move.payment_state == "not_paid"
            credit = move._reverse_moves(
                [
                    {
                        "ref": _(
                            "Re-estimation of %(request)s", request=self.display_name
                        ),
                        "invoice_date": fields.Date.context_today(self),
                    }
                ],
                cancel=unpaid,
            )
            if credit.state == "draft":
                credit.action_post()
        return drafts | posted

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

    def action_komunigi_view_analysis(self):
        """The animation timesheets of the analysis of the request."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "hr_timesheet.timesheet_action_all"
        )
        project = self.env["project.project"].search(
            [
                ("komunigi_is_animation_project", "=", True),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        action.update(
            {
                "name": _("Analysis of %(request)s", request=self.display_name),
                "domain": [("komunigi_request_id", "=", self.id)],
                "context": {
                    "default_komunigi_request_id": self.id,
                    "default_project_id": project.id,
                    "is_timesheet": 1,
                },
            }
        )
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
            move = moves._komunigi_create_funding_moves(
                share._komunigi_prepare_invoice(invoice_date, journal)
            )
            share._komunigi_set_invoice(move)
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
        # The request project of the user's current company, else of another
        # company of the user (komunigi runs in the coordinator's company).
        projects = (
            self.env["project.project"]
            .sudo()
            .search(
                [
                    ("komunigi_is_request_project", "=", True),
                    ("company_id", "in", self.env.companies.ids),
                ]
            )
        )
        project = (
            projects.filtered(lambda p: p.company_id == self.env.company)[:1]
            or projects[:1]
        )
        if not project:
            raise UserError(_("komunigi does not collect improvement requests yet."))
        Task = self.sudo().with_company(project.company_id)
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
        task._komunigi_notify_coordinator()
        return task.with_env(self.env)

    def _komunigi_notify_coordinator(self):
        """An activity for the coordinator on a request submitted on the portal:
        the manager of the request project when a coordinator, else the first
        coordinator of the company."""
        for task in self:
            user = task.project_id.user_id
            if not user or not user.has_group(COORDINATOR_GROUP):
                user = (
                    self.env.ref(COORDINATOR_GROUP)
                    .sudo()
                    .users.filtered(
                        lambda u, company=task.company_id: not u._is_superuser()
                        and (not company or company in u.company_ids)
                    )
                    .sorted("id")[:1]
                )
            if not user:
                continue
            task.activity_schedule(
                "komunigi_contribution.mail_activity_type_clarify_request",
                user_id=user.id,
                note=_(
                    "%(organisation)s submitted this request on the portal.",
                    organisation=task.komunigi_requester_id.display_name,
                ),
            )

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
