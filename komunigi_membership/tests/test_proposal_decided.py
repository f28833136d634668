# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_assembly_cockpit import CockpitCase


@tagged("post_install", "-at_install")
class TestProposalDecided(CockpitCase):
    """A proposal the assembly decided stays with its votes: nobody deletes
    it; only the coordinator reopens it, which clears its decision date and
    says so on its chatter, its follow-up actions kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Proposal = cls.env["komunigi.proposal"].with_user(cls.core_member)
        cls.accepted, cls.rejected = Proposal.create(
            [
                {"name": "Share the hosting costs", "state": "ready"},
                {"name": "Buy a new server", "state": "ready"},
            ]
        )
        Vote = cls.env["komunigi.vote"].with_user(cls.core_member)
        for proposal, choice in ((cls.accepted, "yes"), (cls.rejected, "no")):
            Vote.create(
                [
                    {
                        "proposal_id": proposal.id,
                        "organisation_id": shop.id,
                        "choice": choice,
                    }
                    for shop in (cls.shop_a, cls.shop_b, cls.shop_c)
                ]
            )
        (cls.accepted | cls.rejected).action_decide()

    def _state(self, proposal):
        proposal.invalidate_recordset()
        return (
            proposal.state,
            bool(proposal.decision_date),
            len(proposal.vote_ids),
            len(proposal.follow_up_ids),
        )

    def test_nobody_deletes_a_decided_proposal(self):
        self.assertEqual(self._state(self.accepted), ("accepted", True, 3, 1))
        self.assertEqual(self._state(self.rejected), ("rejected", True, 3, 0))
        for user in (self.core_member, self.coordinator, self.env.user):
            for proposal in (self.accepted, self.rejected):
                with self.assertRaisesRegex(UserError, "cannot be deleted"):
                    proposal.with_user(user).unlink()
        self.assertEqual(self._state(self.accepted), ("accepted", True, 3, 1))
        self.assertEqual(self._state(self.rejected), ("rejected", True, 3, 0))
        self.assertEqual(
            self.env["komunigi.vote"].search_count(
                [("proposal_id", "in", (self.accepted | self.rejected).ids)]
            ),
            6,
        )
        # One in preparation goes.
        draft = (
            self.env["komunigi.proposal"]
            .with_user(self.core_member)
            .create({"name": "Not yet"})
        )
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_only_the_coordinator_reopens_a_decided_proposal(self):
        for proposal in (self.accepted, self.rejected):
            as_core = proposal.with_user(self.core_member)
            for action in (as_core.action_ready, as_core.action_draft):
                with self.assertRaisesRegex(AccessError, "Only a komunigi coordinator"):
                    action()
            with self.assertRaisesRegex(AccessError, "Only a komunigi coordinator"):
                as_core.write({"state": "postponed"})
        self.assertEqual(self._state(self.accepted), ("accepted", True, 3, 1))
        self.assertEqual(self._state(self.rejected), ("rejected", True, 3, 0))
        self.accepted.with_user(self.coordinator).action_ready()
        self.rejected.with_user(self.coordinator).action_draft()
        self.assertEqual(self._state(self.accepted), ("ready", False, 3, 1))
        self.assertEqual(self._state(self.rejected), ("draft", False, 3, 0))
        message = self.accepted.message_ids[0]
        self.assertEqual(message.author_id, self.coordinator.partner_id)
        self.assertIn(self.coordinator.name, message.body)
        self.assertIn("Accepted", message.body)
        self.assertIn("1 follow-up action(s) stay", message.body)
        self.assertIn("0 follow-up action(s) stay", self.rejected.message_ids[0].body)
        # Reopened, it is no longer decided: the core team prepares it again.
        self.rejected.with_user(self.core_member).action_ready()
        self.assertEqual(self.rejected.state, "ready")
