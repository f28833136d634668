# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiFollowUp(models.Model):
    """An action to carry out an accepted proposal, with its owner and due
    date, shown to the members on the portal until it is done."""

    _name = "komunigi.follow.up"
    _description = "komunigi Follow-up Action of a Decision"
    _inherit = ["mail.thread"]
    _order = "state desc, date_deadline, id"

    proposal_id = fields.Many2one(
        "komunigi.proposal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="proposal_id.company_id", store=True, index=True
    )
    name = fields.Char(string="Action", required=True, tracking=True)
    owner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        required=True,
        tracking=True,
        help="Who carries out the action: a coordinator or a delegate.",
    )
    date_deadline = fields.Date(string="Due Date", required=True, tracking=True)
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done")],
        default="todo",
        required=True,
        tracking=True,
    )

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_todo(self):
        self.write({"state": "todo"})
        return True
