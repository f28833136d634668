from . import controllers, models, wizards
from .models.customer_wallet_total import drop_triggers
from .sql import UNINSTALL


def uninstall_hook(cr, registry):
    """Leave nothing of the addon in the database.

    The triggers and their functions write into a table that the
    uninstallation drops; Odoo does not know the index on the journal items.
    """
    drop_triggers(cr)
    for query in UNINSTALL:
        cr.execute(query)
