# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A session keeps one hold per wallet from this version on: the holds it
stacked before are replaced by the newest, so that the new constraint holds."""


def migrate(cr, version):
    cr.execute("SELECT to_regclass('customer_wallet_hold')")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """
        DELETE FROM customer_wallet_hold hold
         USING customer_wallet_hold newer
         WHERE newer.session_id = hold.session_id
           AND newer.partner_id = hold.partner_id
           AND newer.id > hold.id
        """
    )
