from . import controllers, models, wizards
from .sql import DROP_STORED_TOTALS, UNINSTALL


def uninstall_hook(cr, registry):
    """Leave nothing of the addon in the database.

    Odoo does not know the index on the journal items; the triggers of the
    stored totals of versions before 16.0.1.6.0 go too, if a database still
    has them.
    """
    for query in DROP_STORED_TOTALS + UNINSTALL:
        cr.execute(query)
