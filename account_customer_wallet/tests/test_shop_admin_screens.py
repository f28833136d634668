# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletShopAdminScreens(CustomerWalletCommon):
    """What the shop admin sees: the balance after a top-up or a move,
    amounts in the user's language, partners sorted and filtered by balance."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.env.ref("base.lang_fr_BE").active = True
        cls.wallet_journal.minimum_wallet_amount = -50.0
        cls.carol = cls.Partner.create({"name": "Carol Janssens"})
        cls._top_up(cls.alice, 30.0)
        cls._top_up(cls.claire, 10.0)  # household: 10
        cls._wallet_entry(cls.carol, -5.0, journal=cls.wallet_journal)  # -5
        # bob has no movement at all: 0
        cls.people = cls.alice | cls.bob | cls.household | cls.claire | cls.carol
        cls.employee = new_test_user(
            cls.env, login="plain_employee", groups="base.group_user"
        )

    def _wizard(self, model, user=None, lang=None, **values):
        env = self.env(user=user or self.wallet_manager)
        if lang:
            env = env(context=dict(env.context, lang=lang))
        defaults = {"partner_id": self.alice.id, "amount": 25.0}
        if model == "customer.wallet.top.up":
            defaults["journal_id"] = self.bank_journal.id
        else:
            defaults["destination_partner_id"] = self.bob.id
        defaults.update(values)
        return env[model].create(defaults)

    # ------------------------------------------------------------------
    # After a top-up or a move
    # ------------------------------------------------------------------

    def test_top_up_confirms_the_new_balance_and_shows_the_member(self):
        action = self._wizard("customer.wallet.top.up").action_confirm()
        self.assertAmount(self._balance(self.alice), 55.0)
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            action["params"]["message"],
            "Alice Martin: wallet topped up by $\xa025.00, new balance $\xa055.00.",
        )
        # opened from the menu: the member's form, not the journal entry
        self.assertEqual(
            action["params"]["next"],
            {
                "type": "ir.actions.act_window",
                "res_model": "res.partner",
                "res_id": self.alice.id,
                "views": [(False, "form")],
                "target": "current",
            },
        )

    def test_top_up_from_the_partner_form_goes_back_to_it(self):
        opened = self.claire.with_user(self.wallet_manager)
        context = opened.action_customer_wallet_top_up()["context"]
        wizard = (
            self.env(user=self.wallet_manager)["customer.wallet.top.up"]
            .with_context(**context)
            .create({"amount": 5.0, "journal_id": self.bank_journal.id})
        )
        self.assertEqual(wizard.partner_id, self.household)
        action = wizard.action_confirm()
        self.assertEqual(
            action["params"]["next"], {"type": "ir.actions.act_window_close"}
        )
        self.assertIn("new balance $\xa015.00", action["params"]["message"])
        self.assertAmount(self._balance(self.claire), 15.0)
        self.assertAmount(self._balance(self.alice), 30.0)

    def test_move_confirms_both_new_balances(self):
        action = self._wizard(
            "customer.wallet.transfer", journal_id=self.wallet_journal.id
        ).action_confirm()
        self.assertEqual(
            action["params"]["message"],
            "$\xa025.00 moved from Alice Martin (new balance $\xa05.00) to Bob "
            "Peeters (new balance $\xa025.00).",
        )
        self.assertEqual(action["params"]["next"]["res_id"], self.alice.id)
        self.assertAmount(self._balance(self.alice), 5.0)
        self.assertAmount(self._balance(self.bob), 25.0)

    def test_refused_amounts_are_formatted_for_the_user(self):
        for model, regex in (
            ("customer.wallet.top.up", r"^The top-up amount must be positive, not "),
            ("customer.wallet.transfer", r"^The amount to move must be positive, not "),
        ):
            wizard = self._wizard(model, amount=-2.5)
            with self.assertRefused(UserError, regex + r"\$.*-.*2\.50\.$"):
                wizard.action_confirm()
            wizard = self._wizard(model, amount=0.0, lang="fr_BE")
            # the amount as a French reader writes it
            with self.assertRefused(UserError, r"pas \$\xa00,00\.$"):
                wizard.action_confirm()
        self.assertAmount(self._balance(self.alice), 30.0)
        self.assertAmount(self._balance(self.bob), 0.0)

    def test_text_is_not_an_amount(self):
        with self.assertRaises(ValueError):
            self._wizard("customer.wallet.top.up", amount="abc")
        self.assertAmount(self._balance(self.alice), 30.0)

    # ------------------------------------------------------------------
    # Customers sorted and filtered by balance
    # ------------------------------------------------------------------

    def _sorted(self, order, user=None):
        partners = self.Partner.with_user(user or self.wallet_user)
        return partners.search([("id", "in", self.people.ids)], order=order)

    def test_customers_sorted_by_balance(self):
        alice, bob, household, claire, carol = (
            self.alice,
            self.bob,
            self.household,
            self.claire,
            self.carol,
        )
        self.assertEqual(
            self._sorted("customer_wallet_balance desc, id").ids,
            (alice | household | claire | bob | carol).ids,
        )
        self.assertEqual(
            self._sorted("customer_wallet_balance, name desc").ids,
            (carol | bob | household | claire | alice).ids,
        )
        # what the list view asks
        records = self.Partner.with_user(self.wallet_user).web_search_read(
            [("id", "in", self.people.ids)],
            ["name", "customer_wallet_balance"],
            order="customer_wallet_balance DESC, id",
            limit=2,
        )["records"]
        self.assertEqual(
            [(r["name"], r["customer_wallet_balance"]) for r in records],
            [("Alice Martin", 30.0), ("Dupont household", 10.0)],
        )
        # a new movement changes the order at once
        self._top_up(carol, 45.0)  # 40
        self.assertEqual(
            self._sorted("customer_wallet_balance desc, id").ids[:2],
            (carol | alice).ids,
        )

    def test_sorting_by_balance_needs_the_wallet_rights(self):
        with self.assertRaises(AccessError):
            self._sorted("customer_wallet_balance desc", user=self.employee)
        self.assertEqual(
            len(self._sorted("name", user=self.employee)), len(self.people)
        )

    def test_below_limit_filter(self):
        below = [
            ("id", "in", self.people.ids),
            ("customer_wallet_below_limit", "=", True),
        ]
        partners = self.Partner.with_user(self.wallet_user)
        self.assertFalse(partners.search(below))
        # the strictest wallet journal now allows no overdraft: carol is below it
        self.wallet_journal.minimum_wallet_amount = 0.0
        self.assertEqual(partners.search(below), self.carol)
        self.assertEqual(
            partners.search(
                [
                    ("id", "in", self.people.ids),
                    ("customer_wallet_below_limit", "=", False),
                ]
            ),
            self.people - self.carol,
        )
        self.assertTrue(
            self.carol.with_user(self.wallet_user).customer_wallet_below_limit
        )
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.employee).search(below)
        with self.assertRefused(UserError, "= True or = False"):
            partners.search([("customer_wallet_below_limit", ">", 1)])
