from . import controllers, models, wizards
from .models.customer_wallet_total import drop_triggers


def uninstall_hook(cr, registry):
    # the triggers write into a table that the uninstallation drops
    drop_triggers(cr)
