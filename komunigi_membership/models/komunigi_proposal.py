# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# Days an accepted proposal's default follow-up action has after the assembly.
FOLLOW_UP_DAYS = 30
# The states of a proposal the assembly decided.
DECIDED_STATES = ("accepted", "rejected")
COORDINATOR_GROUP = "komunigi_membership.group_komunigi_coordinator"


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
            ("election", "Election to the core team"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
        help="Which task of the core team this proposal comes from.",
    )
    mandate_id = fields.Many2one(
        "komunigi.mandate",
        string="Seat",
        check_company=True,
        ondelete="set null",
        help="The core team seat this election fills.",
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
    decision_date = fields.Date(readonly=True, copy=False)
    vote_ids = fields.One2many("komunigi.vote", "proposal_id", string="Votes")
    vote_yes = fields.Integer(string="Yes", compute="_compute_votes")
    vote_no = fields.Integer(string="No", compute="_compute_votes")
    vote_abstain = fields.Integer(string="Abstentions", compute="_compute_votes")
    follow_up_ids = fields.One2many(
        "komunigi.follow.up", "proposal_id", string="Follow-up Actions"
    )

    @api.depends("vote_ids.choice")
    def _compute_votes(self):
        groups = self.env["komunigi.vote"]._read_group(
            [("proposal_id", "in", self.ids)],
            ["proposal_id", "choice"],
            ["proposal_id", "choice"],
            lazy=False,
        )
        counts = {(g["proposal_id"][0], g["choice"]): g["__count"] for g in groups}
        for proposal in self:
            proposal.vote_yes = counts.get((proposal.id, "yes"), 0)
            proposal.vote_no = counts.get((proposal.id, "no"), 0)
            proposal.vote_abstain = counts.get((proposal.id, "abstain"), 0)

    def action_decide(self):
        """Count the votes (one per organisation): with the quorum reached,
        the proposal is accepted when the yes outnumber the no, else
        rejected. An accepted proposal gets its follow-up actions."""
        today = fields.Date.context_today(self)
        quorum = self.env["calendar.event"]._komunigi_quorum()
        for proposal in self:
            if proposal.state != "ready":
                raise UserError(
                    _(
                        "Only a proposal ready for the assembly is decided: "
                        "%(proposal)s is not.",
                        proposal=proposal.name,
                    )
                )
            voters = len(proposal.vote_ids)
            if voters < quorum:
                raise UserError(
                    _(
                        "The quorum is not reached for %(proposal)s: %(voters)s "
                        "member organisation(s) voted, %(quorum)s are needed.",
                        proposal=proposal.name,
                        voters=voters,
                        quorum=quorum,
                    )
                )
            accepted = proposal.vote_yes > proposal.vote_no
            summary = _(
                "%(yes)s yes, %(no)s no, %(abstain)s abstention(s) of %(voters)s "
                "organisations (quorum %(quorum)s).",
                yes=proposal.vote_yes,
                no=proposal.vote_no,
                abstain=proposal.vote_abstain,
                voters=voters,
                quorum=quorum,
            )
            proposal.write(
                {
                    "state": "accepted" if accepted else "rejected",
                    "decision_date": today,
                    "decision": "\n".join(filter(None, [proposal.decision, summary])),
                }
            )
            if accepted:
                proposal._create_follow_ups()
        return True

    def _komunigi_check_vote_open(self):
        """Votes are cast, changed or withdrawn only while the proposal is
        ready for its assembly."""
        for proposal in self:
            if proposal.state != "ready":
                raise ValidationError(
                    _(
                        "The vote on %(proposal)s is closed: the assembly decided.",
                        proposal=proposal.name,
                    )
                )

    def _create_follow_ups(self):
        """An accepted proposal without follow-up actions gets one, owned by
        who prepared it, due a month after the assembly."""
        for proposal in self.filtered(lambda p: not p.follow_up_ids):
            day = (
                fields.Datetime.to_datetime(proposal.assembly_id.start).date()
                if proposal.assembly_id
                else fields.Date.context_today(proposal)
            )
            self.env["komunigi.follow.up"].create(
                {
                    "proposal_id": proposal.id,
                    "name": proposal.name,
                    "owner_id": (proposal.user_id or self.env.user).partner_id.id,
                    "date_deadline": day + timedelta(days=FOLLOW_UP_DAYS),
                }
            )

    def write(self, vals):
        reopened = self.browse()
        if "state" in vals:
            decided = self.filtered(
                lambda p: p.state in DECIDED_STATES and p.state != vals["state"]
            )
            if decided and not self.env.user.has_group(COORDINATOR_GROUP):
                raise AccessError(
                    _(
                        "Only a komunigi coordinator can reopen %(proposal)s: the "
                        "assembly decided it.",
                        proposal=decided[0].name,
                    )
                )
            if vals["state"] not in DECIDED_STATES:
                reopened = decided
        decisions = {
            proposal: (proposal.state, proposal.decision_date) for proposal in reopened
        }
        if reopened:
            vals = dict(vals, decision_date=False)
        res = super().write(vals)
        states = dict(self._fields["state"]._description_selection(self.env))
        for proposal, (state, day) in decisions.items():
            proposal.message_post(
                body=_(
                    "%(user)s reopened this proposal: the assembly's decision "
                    "(%(decision)s on %(date)s) no longer stands; its "
                    "%(count)s follow-up action(s) stay.",
                    user=self.env.user.name,
                    decision=states[state],
                    date=format_date(self.env, day) if day else "-",
                    count=len(proposal.follow_up_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """A decided proposal stays, with its votes (they go with it)."""
        for proposal in self:
            if proposal.state in DECIDED_STATES:
                raise UserError(
                    _(
                        "%(proposal)s cannot be deleted: the assembly decided it "
                        "and its votes stand.",
                        proposal=proposal.name,
                    )
                )

    def action_ready(self):
        self.write({"state": "ready"})
        return True

    def action_accept(self):
        self.write({"state": "accepted"})
        self._create_follow_ups()
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
