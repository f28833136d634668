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

    @api.constrains("organisation_id", "choice")
    def _check_open(self):
        for vote in self:
            if vote.proposal_id.state != "ready":
                raise ValidationError(
                    _(
                        "The vote on %(proposal)s is closed: the assembly decided.",
                        proposal=vote.proposal_id.name,
                    )
                )
