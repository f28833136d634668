# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiProposal(models.Model):
    """A proposal the core team prepares for an intercoop assembly."""

    _name = "komunigi.proposal"
    _description = "komunigi Proposal to an Assembly"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "assembly_start desc, sequence, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The coordinator of the community whose records these are.",
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    assembly_id = fields.Many2one(
        "calendar.event",
        string="Assembly",
        domain=[("is_komunigi_assembly", "=", True)],
        tracking=True,
        index=True,
        ondelete="set null",
    )
    assembly_start = fields.Datetime(related="assembly_id.start", store=True)
    kind = fields.Selection(
        [
            ("long_view", "Long view"),
            ("operational_cost", "Operational cost of intercooperation"),
            ("project_evaluation", "Evaluation of the project"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
        help="Which task of the core team this proposal comes from.",
    )
    description = fields.Html()
    user_id = fields.Many2one(
        "res.users",
        string="Prepared by",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "In preparation"),
            ("ready", "Ready for the assembly"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("postponed", "Postponed"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    decision = fields.Text(help="What the assembly decided.")

    def action_ready(self):
        self.write({"state": "ready"})
        return True

    def action_accept(self):
        self.write({"state": "accepted"})
        return True

    def action_reject(self):
        self.write({"state": "rejected"})
        return True

    def action_postpone(self):
        self.write({"state": "postponed"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True
