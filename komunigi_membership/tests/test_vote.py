# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_assembly_cockpit import CockpitCase


@tagged("post_install", "-at_install")
class TestVoteClosed(CockpitCase):
    """Once the assembly decided a proposal, its votes stand: the core team
    cannot move, change or withdraw them over RPC, nor vote on it later."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Proposal = cls.env["komunigi.proposal"].with_user(cls.core_member)
        cls.decided, cls.open = Proposal.create(
            [
                {"name": "Share the hosting costs", "state": "ready"},
                {"name": "Buy a new server", "state": "ready"},
            ]
        )
        cls.Vote = cls.env["komunigi.vote"].with_user(cls.core_member)
        cls.votes = cls.Vote.create(
            [
                {
                    "proposal_id": cls.decided.id,
                    "organisation_id": shop.id,
                    "choice": choice,
                }
                for shop, choice in (
                    (cls.shop_a, "yes"),
                    (cls.shop_b, "yes"),
                    (cls.shop_c, "no"),
                )
            ]
        )
        cls.decided.action_decide()

    def _tally(self, proposal):
        proposal.invalidate_recordset()
        return sorted(
            (vote.organisation_id.name, vote.choice) for vote in proposal.vote_ids
        )

    def test_votes_of_a_decided_proposal_stand(self):
        self.assertEqual(self.decided.state, "accepted")
        before = self._tally(self.decided)
        vote_c = self.votes.filtered(lambda v: v.organisation_id == self.shop_c)
        for vals in (
            {"choice": "yes"},
            {"organisation_id": self.shop_d.id},
            {"proposal_id": self.open.id},
        ):
            with self.assertRaisesRegex(ValidationError, "is closed"):
                vote_c.write(vals)
        with self.assertRaisesRegex(ValidationError, "is closed"):
            vote_c.unlink()
        with self.assertRaisesRegex(ValidationError, "is closed"):
            self.Vote.create(
                {
                    "proposal_id": self.decided.id,
                    "organisation_id": self.shop_d.id,
                    "choice": "no",
                }
            )
        self.assertEqual(self._tally(self.decided), before)
        self.assertEqual((self.decided.vote_yes, self.decided.vote_no), (2, 1))
        self.assertFalse(self.open.vote_ids)

    def test_no_vote_moves_into_a_decided_proposal(self):
        vote = self.Vote.create(
            {
                "proposal_id": self.open.id,
                "organisation_id": self.shop_d.id,
                "choice": "no",
            }
        )
        with self.assertRaisesRegex(ValidationError, "is closed"):
            vote.write({"proposal_id": self.decided.id})
        self.assertEqual(self._tally(self.decided)[-1], ("Test Supermarket C", "no"))
        self.assertEqual(len(self.decided.vote_ids), 3)
        self.assertEqual(vote.proposal_id, self.open)

    def test_reopening_the_proposal_corrects_its_votes(self):
        self.decided.with_user(self.coordinator).action_ready()
        vote_c = self.votes.filtered(lambda v: v.organisation_id == self.shop_c)
        vote_c.write({"choice": "abstain"})
        self.assertEqual(self.decided.vote_abstain, 1)
