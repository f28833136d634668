# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account_customer_wallet.tests.committed import CommittedWalletCase
from odoo.addons.account_customer_wallet.tests.common import OneChartMixin
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


class CustomerWalletSetupMixin:
    """Wallet account, journal, payment method, top-up product and two members.

    member_1 starts with 100.00 in the wallet, member_2 with 20.00; the wallet
    journal allows no overdraft.
    """

    @classmethod
    def _setup_customer_wallet(cls, company):
        cls.wallet_account = cls.env["account.account"].create(
            {
                "name": "Customer Wallets",
                "code": "440900",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )
        company.customer_wallet_account_id = cls.wallet_account
        company.customer_wallet_top_up_account_id = cls.env["account.account"].create(
            {
                "name": "Wallet top-ups awaiting payment",
                "code": "440910",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )
        cls.wallet_journal = cls.env["account.journal"].create(
            {
                "name": "Customer Wallet",
                "code": "WAL",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "minimum_wallet_amount": 0.0,
                "company_id": company.id,
            }
        )
        cls.wallet_pm = cls.env["pos.payment.method"].create(
            {
                "name": "Wallet",
                "journal_id": cls.wallet_journal.id,
                "split_transactions": True,
                "company_id": company.id,
            }
        )
        cls.top_up_product = (
            cls.env["product.template"]
            .create(
                {
                    "name": "Wallet top-up",
                    "type": "service",
                    "available_in_pos": True,
                    "is_customer_wallet_product": True,
                    "taxes_id": [Command.clear()],
                    "property_account_income_id": cls.wallet_account.id,
                    "list_price": 1.0,
                }
            )
            .product_variant_id
        )
        cls.member_1 = cls.env["res.partner"].create({"name": "Member One"})
        cls.member_2 = cls.env["res.partner"].create({"name": "Member Two"})
        cls._wallet_deposit(cls.member_1, 100.0)
        cls._wallet_deposit(cls.member_2, 20.0)

    @classmethod
    def _wallet_deposit(cls, partner, amount):
        """Credit the wallet with a posted entry, as a backend top-up does."""
        move = cls.env["account.move"].create(
            {
                "journal_id": cls.company_data["default_journal_misc"].id,
                "date": fields.Date.today(),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": cls.company_data[
                                "default_journal_cash"
                            ].default_account_id.id,
                            "debit": amount,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": cls.wallet_account.id,
                            "partner_id": partner.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move

    def balances(self, *partners):
        records = self.env["res.partner"].concat(*partners)
        balances = self.env["customer.wallet.ledger"]._balances(
            records, self.company_data["company"]
        )
        return [balances[partner.id] for partner in partners]


class PosCustomerWalletCommon(CustomerWalletSetupMixin, OneChartMixin, TestPoSCommon):
    """TestPoSCommon with customer wallets (see CustomerWalletSetupMixin)."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._setup_customer_wallet(cls.company)
        cls.apples = cls.create_product("Organic apples", cls.categ_basic, 10.0)

    @classmethod
    def new_wallet_user(cls, login, groups):
        """A user of the test company alone, an employee in ``groups``
        (comma-separated XML ids)."""
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_user," + groups,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def start_wallet_session(self, config=None):
        self.config = config or self.basic_config
        self.config.write(
            {
                "payment_method_ids": [
                    Command.set((self.cash_pm1 | self.bank_pm1 | self.wallet_pm).ids)
                ]
            }
        )
        return self.open_new_session()

    def sync(self, lines, customer=False, payments=None, uid=None, draft=False):
        """Send one order as the POS does; return the create_from_ui result."""
        data = self.create_ui_order_data(
            lines, customer=customer, payments=payments, uid=uid
        )
        return self.env["pos.order"].create_from_ui([data], draft=draft)

    def close_session(self, session=None):
        session = session or self.pos_session
        cash = sum(
            session.order_ids.payment_ids.filtered(
                lambda p: p.payment_method_id.is_cash_count
            ).mapped("amount")
        )
        session.post_closing_cash_details(cash)
        result = session.close_session_from_ui()
        self.assertTrue(result.get("successful"), result)
        self.assertEqual(session.state, "closed")
        return session


class PosCommittedWalletCase(CommittedWalletCase):
    """The committed wallet set-up (see ``CommittedWalletCase``) with a wallet
    payment method and a session open on each of two tills."""

    def _setup_committed(self, env):
        method = env["pos.payment.method"].create(
            {
                "name": "%s wallet" % self._committed_name,
                "journal_id": self.data["journal_id"],
                "split_transactions": True,
            }
        )
        configs = env["pos.config"].create(
            [
                {
                    "name": "%s till %s" % (self._committed_name, number),
                    "payment_method_ids": [Command.set(method.ids)],
                }
                for number in (1, 2)
            ]
        )
        # core checks one session at a time
        sessions = env["pos.session"].concat(
            *(env["pos.session"].create({"config_id": c.id}) for c in configs)
        )
        self.data.update(
            {
                "method_id": method.id,
                "config_ids": configs.ids,
                "session_ids": sessions.ids,
            }
        )

    def _clean_up_committed(self, env):
        env["customer.wallet.hold"].search(
            [("session_id", "in", self.data["session_ids"])]
        ).unlink()
        env["pos.session"].browse(self.data["session_ids"]).unlink()
        env["pos.config"].browse(self.data["config_ids"]).unlink()
        env["pos.payment.method"].browse(self.data["method_id"]).unlink()
