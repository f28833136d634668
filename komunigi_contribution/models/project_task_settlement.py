# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import (
    float_compare,
    float_is_zero,
    float_round,
    format_amount,
    format_date,
)

from .project_task import COORDINATOR_GROUP
from .project_task_pledge import allocate

# Marks the write of the settlement by our own settlement code (a client's
# JSON cannot produce it).
SETTLEMENT = object()
SETTLEMENT_FIELDS = {"komunigi_settlement_date", "komunigi_settled_hours"}


class ProjectTask(models.Model):
    _inherit = "project.task"

    komunigi_invoiced_amount = fields.Monetary(
        string="Invoiced (Taxes Included)",
        compute="_compute_komunigi_ledger",
        currency_field="komunigi_currency_id",
        help="Posted co-funding invoices less their credit notes, taxes included.",
    )
    komunigi_paid_amount = fields.Monetary(
        string="Paid",
        compute="_compute_komunigi_ledger",
        currency_field="komunigi_currency_id",
    )
    komunigi_overrun_percent = fields.Float(
        string="Overrun (%)",
        compute="_compute_komunigi_overrun_percent",
        digits=(16, 2),
        help="Hours worked beyond the funded hours, in percent of them; negative "
        "when hours are left unused.",
    )
    komunigi_settlement_decision = fields.Char(
        string="Assembly Decision on the Overrun",
        tracking=True,
        copy=False,
        groups=COORDINATOR_GROUP,
        help="Reference of the assembly decision that accepts an overrun beyond the "
        "tolerance of the settings; without it such a settlement is refused.",
    )
    komunigi_settlement_date = fields.Date(
        string="Settled On", readonly=True, copy=False, tracking=True
    )
    komunigi_settled_hours = fields.Float(
        string="Settled Hours",
        readonly=True,
        copy=False,
        digits=(16, 2),
        help="Hours invoiced beyond the funded hours by the settlement, negative "
        "for the unused hours it credited.",
    )

    def _compute_komunigi_ledger(self):
        # Co-funders' invoices are read by the request's readers, who need not
        # have accounting rights: totals only, of the request's own moves.
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("komunigi_request_id", "in", self.ids),
                    ("state", "=", "posted"),
                ],
                [
                    "komunigi_request_id",
                    "amount_total_signed",
                    "amount_residual_signed",
                ],
                ["komunigi_request_id"],
            )
        )
        totals = {
            group["komunigi_request_id"][0]: (
                group["amount_total_signed"],
                group["amount_residual_signed"],
            )
            for group in groups
        }
        for task in self:
            invoiced, residual = totals.get(task.id, (0.0, 0.0))
            task.komunigi_invoiced_amount = invoiced
            task.komunigi_paid_amount = invoiced - residual

    @api.depends("effective_hours", "komunigi_funded_hours")
    def _compute_komunigi_overrun_percent(self):
        for task in self:
            funded = task.komunigi_funded_hours
            task.komunigi_overrun_percent = (
                (task.effective_hours - funded) * 100.0 / funded if funded else 0.0
            )

    def _komunigi_check_settlement_vals(self, vals):
        if SETTLEMENT_FIELDS & set(vals) and (
            self.env.context.get("komunigi_settlement") is not SETTLEMENT
        ):
            raise UserError(
                _("A request is settled only by its settlement on the hours worked.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._komunigi_check_settlement_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._komunigi_check_settlement_vals(vals)
        return super().write(vals)

    def _komunigi_check_not_settled(self):
        """The hours worked on a settled request are those it was settled on:
        no time is recorded on it, changed or removed any more, by anyone."""
        for task in self:
            if task.komunigi_is_request and task.komunigi_settlement_date:
                raise ValidationError(
                    _(
                        "%(request)s was settled on its hours worked on %(date)s: "
                        "no time can be recorded on it, changed or removed any "
                        "more.",
                        request=task.display_name,
                        date=format_date(self.env, task.komunigi_settlement_date),
                    )
                )

    def action_komunigi_settle(self):
        """Settle done requests on their hours worked: invoice the overrun to
        the co-funders, or credit them the unused hours, pro rata per share."""
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                _("Only a komunigi coordinator can settle a request on its hours.")
            )
        for request in self:
            request._komunigi_settle()
        return True

    def _komunigi_settle(self):
        self.ensure_one()
        if not self.komunigi_is_request or self.komunigi_request_state != "done":
            raise UserError(
                _(
                    "%(request)s is not done: settle it on its hours worked once "
                    "its development is done.",
                    request=self.display_name,
                )
            )
        self._komunigi_lock_request()
        if self.komunigi_settlement_date:
            raise UserError(
                _(
                    "%(request)s is already settled.",
                    request=self.display_name,
                )
            )
        shares = self.komunigi_share_ids.filtered(
            lambda s: float_compare(s.net_hours, 0.0, precision_digits=2) > 0
        )
        funded = self.komunigi_funded_hours
        if not shares or float_is_zero(funded, precision_digits=2):
            raise UserError(
                _(
                    "%(request)s has no co-funders to settle with.",
                    request=self.display_name,
                )
            )
        worked = self.effective_hours
        delta = float_round(worked - funded, precision_digits=2)
        company = self.company_id
        tolerance = company.komunigi_settlement_tolerance
        overrun_percent = float_round(delta * 100.0 / funded, precision_digits=2)
        if (
            float_compare(overrun_percent, tolerance, precision_digits=2) > 0
            and not self.sudo().komunigi_settlement_decision
        ):
            raise UserError(
                _(
                    "The %(worked)s hours worked on %(request)s overrun its "
                    "%(funded)s funded hours by %(percent)s %%, beyond the "
                    "tolerance of %(tolerance)s %% the assembly set: record the "
                    "assembly's decision before settling it.",
                    worked=float_round(worked, precision_digits=2),
                    request=self.display_name,
                    funded=funded,
                    percent=overrun_percent,
                    tolerance=tolerance,
                )
            )
        moves = self.env["account.move"]
        if not float_is_zero(delta, precision_digits=2):
            parts = allocate(abs(delta), shares.mapped("net_hours"), 0.01)
            Move = moves.sudo().with_company(company)
            for share, hours in zip(shares, parts):
                if float_is_zero(hours, precision_digits=2):
                    continue
                if delta > 0:
                    move_type = "out_invoice"
                    label = _(
                        "Overrun of %(request)s settled on the hours worked: "
                        "%(hours)s hours, your share of %(percent)s %%.",
                        request=self.name,
                        hours=hours,
                        percent=share.net_percent,
                    )
                else:
                    move_type = "out_refund"
                    label = _(
                        "Unused hours of %(request)s credited on the hours worked: "
                        "%(hours)s hours, your share of %(percent)s %%.",
                        request=self.name,
                        hours=hours,
                        percent=share.net_percent,
                    )
                moves |= Move._komunigi_create_funding_moves(
                    share._komunigi_prepare_move(
                        move_type, hours, share.hourly_rate, label, role="settlement"
                    )
                )
            self.sudo()._komunigi_post_and_send(moves)
        self.with_context(komunigi_settlement=SETTLEMENT).write(
            {
                "komunigi_settlement_date": fields.Date.context_today(self),
                "komunigi_settled_hours": delta,
            }
        )
        self.message_post(
            body=_(
                "Settled on the %(worked)s hours worked for %(funded)s funded "
                "hours: %(moves)s, %(amount)s in all.",
                worked=float_round(worked, precision_digits=2),
                funded=funded,
                moves=", ".join(moves.mapped("name")) or "-",
                amount=format_amount(
                    self.env,
                    sum(moves.mapped("amount_total_signed")),
                    company.currency_id,
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return moves
