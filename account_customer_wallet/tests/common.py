# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from contextlib import contextmanager

import psycopg2

from odoo import Command, fields
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def assert_wallet_locked(testcase, commercial_partner):
    """Another debit of the wallet waits for the test's transaction to end.

    It is made to give up after 100 ms: the lock is held if it gave up.
    """
    with testcase.registry.cursor() as other_cr, mute_logger("odoo.sql_db"):
        other_cr.execute("SET LOCAL lock_timeout = 100")
        with testcase.assertRaises(psycopg2.errors.LockNotAvailable):
            other_cr.execute(
                """
                INSERT INTO customer_wallet_lock (partner_id, version)
                     VALUES (%s, 1)
                ON CONFLICT (partner_id)
                  DO UPDATE SET version = customer_wallet_lock.version + 1
                """,
                [commercial_partner.id],
            )
        other_cr.rollback()


def ledger_differences(env, company):
    """Wallets whose ledger balance differs from a naive sum of their items.

    The sum is the ORM's own: a read_group of the posted journal items on the
    company's wallet account per partner, added up per commercial partner in
    Python, plus the amounts not yet booked (``_pending_amounts``). The ledger
    is asked for every partner, so that a balance it finds where there is no
    item shows too.

    :return: [(commercial partner id, ledger balance, sum of the items)]
    """
    account = company.customer_wallet_account_id
    Partner = env["res.partner"].sudo().with_context(active_test=False)
    groups = (
        env["account.move.line"]
        .sudo()
        .read_group(
            [
                ("account_id", "=", account.id),
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("partner_id", "!=", False),
            ],
            ["balance:sum"],
            ["partner_id"],
            lazy=False,
        )
    )
    ledger = env["customer.wallet.ledger"]
    items = {}
    for group in groups:
        wallet = Partner.browse(group["partner_id"][0]).commercial_partner_id
        items[wallet.id] = items.get(wallet.id, 0.0) - group["balance"]
    balances = ledger._balances(Partner.search([]), company)
    pending = ledger._pending_amounts(list(balances), company)
    currency = company.currency_id
    return [
        (wallet_id, balance, items.get(wallet_id, 0.0) + pending.get(wallet_id, 0.0))
        for wallet_id, balance in sorted(balances.items())
        if currency.compare_amounts(
            balance, items.get(wallet_id, 0.0) + pending.get(wallet_id, 0.0)
        )
    ] + [
        (wallet_id, None, amount)
        for wallet_id, amount in sorted(items.items())
        if wallet_id not in balances and not currency.is_zero(amount)
    ]


class OneChartMixin:
    """Odoo's accounting test base installs a chart of accounts on two
    companies; most wallet tests use one. The second company is a bare one,
    unless the class needs its chart (``second_company_chart``): each chart
    costs seconds of every test class's set-up."""

    second_company_chart = False

    @classmethod
    def setup_company_data(cls, company_name, chart_template=None, **kwargs):
        if company_name == "company_2_data" and not cls.second_company_chart:
            company = cls.env["res.company"].create({"name": company_name, **kwargs})
            cls.env.user.company_ids |= company
            return {"company": company, "currency": company.currency_id}
        return super().setup_company_data(
            company_name, chart_template=chart_template, **kwargs
        )


class CustomerWalletCommon(OneChartMixin, AccountTestInvoicingCommon):
    """A company with a wallet account, a wallet journal and a few members."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.company = cls.company_data["company"]
        cls.currency = cls.company.currency_id
        cls.wallet_account = cls._make_wallet_account(cls.company)
        cls.company.write(
            {
                "customer_wallet_enabled": True,
                "customer_wallet_account_id": cls.wallet_account.id,
                "customer_wallet_top_up_account_id": cls._make_top_up_account(
                    cls.company
                ).id,
            }
        )
        cls.wallet_journal = cls.env["account.journal"].create(
            {
                "name": "Customer wallets",
                "code": "WAL",
                "type": "bank",
                "is_customer_wallet_journal": True,
            }
        )
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.cash_journal = cls.company_data["default_journal_cash"]
        cls.misc_journal = cls.company_data["default_journal_misc"]
        cls.receivable = cls.company_data["default_account_receivable"]
        cls.Partner = cls.env["res.partner"]
        cls.alice = cls.Partner.create({"name": "Alice Martin"})
        cls.bob = cls.Partner.create({"name": "Bob Peeters"})
        cls.household = cls.Partner.create(
            {"name": "Dupont household", "is_company": True}
        )
        cls.claire = cls.Partner.create(
            {"name": "Claire Dupont", "parent_id": cls.household.id}
        )
        cls.wallet_user = new_test_user(
            cls.env,
            login="wallet_user",
            groups="base.group_user,account_customer_wallet.group_customer_wallet_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.wallet_manager = new_test_user(
            cls.env,
            login="wallet_manager",
            groups="base.group_user,account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.today = fields.Date.context_today(cls.alice)

    @classmethod
    def _make_wallet_account(cls, company):
        return cls.env["account.account"].create(
            {
                "name": "Customer wallets",
                "code": "209900",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )

    @classmethod
    def _make_top_up_account(cls, company):
        return cls.env["account.account"].create(
            {
                "name": "Wallet top-ups awaiting payment",
                "code": "209910",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )

    def assertAmount(self, amount, expected):
        """Amounts are equal once rounded to the currency."""
        self.assertEqual(
            self.currency.compare_amounts(amount, expected),
            0,
            "%s != %s" % (amount, expected),
        )

    def assertLedgerExact(self, env=None, company=None):
        """The ledger's balances are the naive sums of the posted items."""
        self.assertEqual(
            ledger_differences(env or self.env, company or self.company), []
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """assertRaises (which rolls back to a savepoint) checking the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    # ------------------------------------------------------------------
    # Movements
    # ------------------------------------------------------------------

    @classmethod
    def _top_up(cls, partner, amount, journal=None, user=None, **values):
        """Top up with the wizard; return the posted entry."""
        env = cls.env(user=user) if user else cls.env
        wizard = env["customer.wallet.top.up"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "amount": amount,
                    "journal_id": (journal or cls.bank_journal).id,
                },
                **values,
            )
        )
        wizard.action_confirm()
        return cls._last_wallet_move()

    @classmethod
    def _last_wallet_move(cls):
        return cls.env["account.move"].search(
            [("line_ids.account_id", "=", cls.wallet_account.id)],
            order="id desc",
            limit=1,
        )

    @classmethod
    def _wallet_entry(
        cls, partner, amount, journal=None, post=True, account=None, date=None
    ):
        """An entry moving ``amount`` into (> 0) or out of (< 0) the wallet."""
        journal = journal or cls.misc_journal
        counterpart = account or cls.company_data["default_account_revenue"]
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date or cls.today,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Wallet",
                            "account_id": cls.wallet_account.id,
                            "partner_id": partner.id,
                            "debit": -amount if amount < 0 else 0.0,
                            "credit": amount if amount > 0 else 0.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Counterpart",
                            "account_id": counterpart.id,
                            "debit": amount if amount > 0 else 0.0,
                            "credit": -amount if amount < 0 else 0.0,
                        }
                    ),
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _invoice(self, partner, amount, move_type="out_invoice"):
        return self.init_invoice(
            move_type,
            partner=partner,
            invoice_date=self.today,
            amounts=[amount],
            taxes=[],
            post=True,
        )

    def _register_payment(self, invoices, journal=None, amount=None):
        vals = {"journal_id": (journal or self.wallet_journal).id}
        if amount is not None:
            vals["amount"] = amount
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(vals)
        )
        return wizard._create_payments()

    def _balance(self, partner, company=None):
        partner = partner.with_company(company or self.company)
        partner.invalidate_recordset(["customer_wallet_balance"])
        return partner.customer_wallet_balance

    def _wallet_lines(self, moves):
        """The wallet journal items of moves, as comparable tuples."""
        lines = moves.line_ids.filtered(lambda ln: ln.account_id == self.wallet_account)
        return sorted(
            (ln.partner_id.name, ln.debit, ln.credit, ln.parent_state) for ln in lines
        )

    def _entry_lines(self, move):
        return sorted(
            (ln.account_id.code, ln.partner_id.name or False, ln.debit, ln.credit)
            for ln in move.line_ids
        )
