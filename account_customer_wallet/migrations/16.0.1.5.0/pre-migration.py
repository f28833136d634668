# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""From Coop IT Easy's account_customer_wallet: what their schema lacks,
their views dropped, their portal_customer_wallet merged into this addon.
A no-op on a database that runs this addon already (see ``switch.py``)."""

from odoo.addons.account_customer_wallet import switch


def migrate(cr, version):
    switch.pre_migrate(cr, version)
