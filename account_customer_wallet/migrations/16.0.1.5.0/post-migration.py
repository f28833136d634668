# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""From Coop IT Easy's account_customer_wallet: the users who moved wallets
from the backend become wallet managers. A no-op on a database that runs
this addon already (see ``switch.py``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.account_customer_wallet import switch


def migrate(cr, version):
    switch.post_migrate(api.Environment(cr, SUPERUSER_ID, {}))
