# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import AccessError

# The lock rows of the wallets (customer.wallet.lock, one per partner): the
# merge must not move them as it moves the other foreign keys to the partner
# (the partner holding the merged ones would have two); those of the merged
# partners go with them when they are deleted.
WALLET_LOCK_TABLE = "customer_wallet_lock"


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Merging partners moves their journal items, and their money with them.

    The merge rewrites every foreign key to the merged partners in SQL. The
    balances add up the posted journal items of each commercial partner's
    family: once the items and contacts point to the partner they are merged
    into, its wallet holds them. Only the lock rows are not moved. The merge
    locks the wallets first and refuses to move money for anyone but a
    wallet manager.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _get_fk_on(self, table):
        relations = super()._get_fk_on(table)
        if table != "res_partner":
            return relations
        return [
            (fk_table, column)
            for fk_table, column in relations
            if fk_table != WALLET_LOCK_TABLE
        ]

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        # a debit of one of the wallets waits for the merge, then sees it
        ledger = self.env["customer.wallet.ledger"]
        Partner = self.env["res.partner"]
        wallets = set(ledger._lock(src_partners | dst_partner).values())
        companies = Partner._customer_wallet_companies()
        before = Partner._customer_wallet_snapshot(wallets, companies)
        res = super()._update_foreign_keys(src_partners, dst_partner)
        # moving the journal items, orders and contacts of the merged partners
        # moves their money: only wallet managers may move it between wallets
        if self.env.user.has_group(
            "account_customer_wallet.group_customer_wallet_manager"
        ):
            return res
        after = Partner._customer_wallet_snapshot(wallets, companies)
        for company in companies:
            for wallet_id in wallets:
                if company.currency_id.compare_amounts(
                    before[company][wallet_id], after[company][wallet_id]
                ):
                    raise AccessError(
                        _(
                            "Only wallet managers may merge %(partners)s into "
                            "%(partner)s: the money of their wallets would move "
                            "with them.",
                            partners=", ".join(src_partners.mapped("name")),
                            partner=dst_partner.name,
                        )
                    )
        return res
