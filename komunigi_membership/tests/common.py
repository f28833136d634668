# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.tests.common import TransactionCase, new_test_user


def new_portal_user(env, login, name, organisation, **kwargs):
    """A portal user (password = login) delegated by ``organisation``."""
    user = new_test_user(
        env,
        login=login,
        password=login,
        name=name,
        groups="base.group_portal",
        **kwargs,
    )
    user.partner_id.parent_id = organisation
    return user


class KomunigiCase(TransactionCase):
    """Organisations, join conditions, core team rules and users of each
    komunigi group, built without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the conditions of the test count.
        cls.env["komunigi.join.condition"].search([]).active = False
        cls.env["komunigi.community.rule"].search([]).unlink()
        Rule = cls.env["komunigi.community.rule"]
        cls.rule_users = Rule.create(
            {
                "community": "users",
                "seats_min": 2,
                "seats_max": 3,
                "mandate_max_months": 24,
                "election_notice_days": 30,
            }
        )
        cls.rule_developers = Rule.create(
            {
                "community": "developers",
                "seats_min": 1,
                "seats_max": 2,
                "mandate_max_months": 0,
                "election_notice_days": 30,
            }
        )
        # No mandate of another database state disturbs the seat counts.
        cls.env["komunigi.mandate"].search(
            [("state", "in", ("active", "elected"))]
        ).write({"state": "cancelled"})
        Condition = cls.env["komunigi.join.condition"]
        cls.condition_charter = Condition.create(
            {
                "name": "Signs the intercooperation charter",
                "description": "The general assembly approved the charter.",
                "required": True,
            }
        )
        cls.condition_visit = Condition.create(
            {
                "name": "Attends one assembly",
                "required": False,
            }
        )
        cls.condition_odoo = Condition.create(
            {
                "name": "Runs Odoo hosted by Coop IT Easy",
                "community": "users",
                "required": True,
            }
        )
        cls.condition_developers = Condition.create(
            {
                "name": "Is a member of Coop IT Easy",
                "community": "developers",
                "required": True,
            }
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="komunigi_coordinator",
            name="Coordinator",
            email="coordinator@example.com",
            groups="base.group_user,komunigi_membership.group_komunigi_coordinator",
        )
        cls.core_member = new_test_user(
            cls.env,
            login="komunigi_core",
            name="Core Team Member",
            groups="base.group_user,komunigi_membership.group_komunigi_core_team",
        )
        cls.komunigi_user = new_test_user(
            cls.env,
            login="komunigi_user",
            name="komunigi User",
            groups="base.group_user,komunigi_membership.group_komunigi_user",
        )
        cls.employee = new_test_user(
            cls.env,
            login="komunigi_employee",
            name="Employee",
            groups="base.group_user",
        )
        Partner = cls.env["res.partner"]
        cls.delegates = {}
        cls.developer_org = cls._create_member("Test Developers Coop", "developers")
        cls.shop_a = cls._create_member("Test Supermarket A", "users")
        cls.shop_b = cls._create_member("Test Supermarket B", "users")
        cls.shop_c = cls._create_member("Test Supermarket C", "users")
        cls.shop_d = cls._create_member("Test Supermarket D", "users")
        cls.candidate = Partner.create(
            {
                "name": "Test Candidate Shop",
                "is_company": True,
                "email": "candidate@example.com",
                "komunigi_community": "users",
            }
        )
        cls.outsider = Partner.create({"name": "Test Outsider", "is_company": True})
        cls.outsider_person = Partner.create(
            {"name": "Olga Outsider", "parent_id": cls.outsider.id}
        )
        # As if the set-up were committed: later changes are tracked.
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    @classmethod
    def _create_member(cls, name, community):
        organisation = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "email": "%s@example.com" % name.lower().replace(" ", "."),
                "komunigi_community": community,
                "komunigi_state": "member",
                "komunigi_admission_date": "2024-01-01",
            }
        )
        cls.delegates[organisation] = cls.env["res.partner"].create(
            {
                "name": "Delegate of %s" % name,
                "parent_id": organisation.id,
                "email": "delegate.%s" % organisation.email,
            }
        )
        return organisation

    @classmethod
    def _delegate(cls, organisation):
        return cls.delegates[organisation]

    def _mandate_values(self, organisation, start, end, **values):
        return dict(
            {
                "organisation_id": organisation.id,
                "partner_id": self._delegate(organisation).id,
                "date_start": start,
                "date_end": end,
            },
            **values,
        )
