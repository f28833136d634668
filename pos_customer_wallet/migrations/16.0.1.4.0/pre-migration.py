# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""From Coop IT Easy's pos_customer_wallet: wallet payment methods that
identify the customer, on bank journals (a cash wallet journal is converted,
or the update stops while one of its sessions is open). A no-op on a
database that runs this addon already (see ``switch.py``)."""

from odoo.addons.pos_customer_wallet import switch


def migrate(cr, version):
    switch.pre_migrate(cr, version)
