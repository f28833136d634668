# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

VOTE_CHOICES = [("yes", "Yes"), ("no", "No"), ("abstain", "Abstention")]


class KomunigiVote(models.Model):
    """The vote of one member organisation on a proposal of an assembly."""

    _name = "komunigi.vote"
    _description = "komunigi Vote of an Organisation"
    _order = "proposal_id, organisation_id"

    proposal_id = fields.Many2one(
        "komunigi.proposal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="proposal_id.company_id", store=True, index=True
    )
    organisation_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True), ("komunigi_state", "=", "member")],
    )
    choice = fields.Selection(VOTE_CHOICES, required=True)

    _sql_constraints = [
        (
            "organisation_unique",
            "unique(proposal_id, organisation_id)",
            "Each member organisation votes once on a proposal.",
        )
    ]

    @api.constrains("organisation_id")
    def _check_member(self):
        for vote in self:
            if vote.organisation_id.komunigi_state != "member":
                raise ValidationError(
                    _(
                        "Only member organisations vote: %(organisation)s is not a "
                        "komunigi member.",
                        organisation=vote.organisation_id.display_name,
                    )
                )

    @api.constrains("proposal_id", "organisation_id", "choice")
    def _check_open(self):
        self.proposal_id._komunigi_check_vote_open()

    @api.model_create_multi
    def create(self, vals_list):
        # Refused before anything is written, as write and unlink are.
        self.env["komunigi.proposal"].browse(
            [vals["proposal_id"] for vals in vals_list if vals.get("proposal_id")]
        )._komunigi_check_vote_open()
        return super().create(vals_list)

    def write(self, vals):
        # The vote leaves its proposal, or changes in it: both must be open,
        # for everyone (a decided proposal is corrected by reopening it).
        self.proposal_id._komunigi_check_vote_open()
        if vals.get("proposal_id"):
            self.env["komunigi.proposal"].browse(
                vals["proposal_id"]
            )._komunigi_check_vote_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_open(self):
        self.proposal_id._komunigi_check_vote_open()
