# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A committed wallet set-up, for tests whose transactions must see it."""

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase


class CommittedWalletCase(TransactionCase):
    """A wallet account, its counterpart and a wallet journal, committed.

    Tests that run several transactions at once (each committing, as two
    requests do) cannot use the set-up of the other classes, rolled back at
    the end of each test: the other transactions would not see it. Here the
    set-up commits, and the clean-up removes what it made. Subclasses create
    their own records in ``_setup_committed`` (``self.data`` keeps their ids)
    and remove them in ``_clean_up_committed``; the partners and entries made
    with ``_committed_partner`` and ``_committed_entry`` are removed for them.
    """

    # names and codes of the committed records, distinct per test class
    _committed_name = "Committed"
    _committed_code = "COMM"

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            self.saved_config = {
                "customer_wallet_enabled": company.customer_wallet_enabled,
                "customer_wallet_account_id": company.customer_wallet_account_id.id,
            }
            wallet = env["account.account"].create(
                {
                    "name": "%s wallets" % self._committed_name,
                    "code": "WAL%s1" % self._committed_code,
                    "account_type": "liability_current",
                }
            )
            other = env["account.account"].create(
                {
                    "name": "%s counterpart" % self._committed_name,
                    "code": "WAL%s2" % self._committed_code,
                    "account_type": "asset_current",
                }
            )
            company.write(
                {
                    "customer_wallet_enabled": True,
                    "customer_wallet_account_id": wallet.id,
                }
            )
            journal = env["account.journal"].create(
                {
                    "name": "%s wallet" % self._committed_name,
                    "code": "W%s" % self._committed_code,
                    "type": "bank",
                    "is_customer_wallet_journal": True,
                }
            )
            self.data = {
                "company_id": company.id,
                "journal_id": journal.id,
                "wallet_account_id": wallet.id,
                "account_ids": (wallet | other).ids,
                "entry_ids": [],
                "partner_ids": [],
            }
            self._setup_committed(env)
        self.addCleanup(self._clean_up)

    def _setup_committed(self, env):
        """Create the test's records, committed with the set-up."""

    def _clean_up_committed(self, env):
        """Remove the test's records, before the entries and the journal."""

    def _committed_partner(self, env, name, **values):
        """A partner removed by the clean-up."""
        partner = env["res.partner"].create(dict(values, name=name))
        self.data["partner_ids"].append(partner.id)
        return partner

    def _committed_entry(self, env, partner, amount):
        """A draft entry crediting the partner's wallet ``amount`` (debiting
        it when negative), removed by the clean-up."""
        wallet, other = env["account.account"].browse(self.data["account_ids"])
        entry = env["account.move"].create(
            {
                "journal_id": self.data["journal_id"],
                "line_ids": [
                    Command.create(
                        {
                            "account_id": wallet.id,
                            "partner_id": partner.id,
                            "debit": max(-amount, 0.0),
                            "credit": max(amount, 0.0),
                        }
                    ),
                    Command.create(
                        {
                            "account_id": other.id,
                            "debit": max(amount, 0.0),
                            "credit": max(-amount, 0.0),
                        }
                    ),
                ],
            }
        )
        self.data["entry_ids"].append(entry.id)
        return entry

    def _clean_up(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self._clean_up_committed(env)
            entries = env["account.move"].browse(self.data["entry_ids"])
            entries.filtered(lambda move: move.state == "posted").button_draft()
            entries.with_context(force_delete=True).unlink()
            env["account.journal"].browse(self.data["journal_id"]).unlink()
            env.company.write(self.saved_config)
            env["account.account"].browse(self.data["account_ids"]).unlink()
            env["res.partner"].browse(self.data["partner_ids"]).unlink()
