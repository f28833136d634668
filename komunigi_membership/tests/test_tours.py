# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """The demo's journeys in a real browser, as the demo logins that
    ``make run`` prints: a core team delegate (in Dutch) reads the assemblies
    and the booklet."""

    def test_core_team_delegate_reads_assemblies_and_booklet_in_dutch(self):
        delegate = self.env.ref("komunigi_membership.user_coreteam")
        self.assertEqual(delegate.lang, "nl_BE")
        self.assertTrue(delegate.share, "The delegate is a portal user.")
        draft = self.env.ref("komunigi_membership.proposal_evaluation")
        self.assertEqual(draft.state, "draft")
        self.start_tour(
            "/my/komunigi/assemblies",
            "komunigi_membership_portal",
            login=delegate.login,
        )
        # Reading changed nothing: the draft is still the core team's.
        self.assertEqual(draft.state, "draft")
        self.assertFalse(
            delegate.has_group("komunigi_membership.group_komunigi_user"),
            "The delegate reads komunigi on the portal only.",
        )
