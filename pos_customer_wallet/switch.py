# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The point of sale's part of the switch from Coop IT Easy's modules (see
``account_customer_wallet/switch.py``): their wallet payment methods made
what these addons require. It runs only where account_customer_wallet's
pre-migration recognised their modules (and left its mark), so it is a
no-op on a database that runs these addons already.

Their module's orders of a session still open need nothing: their wallet
payments and top-up lines are pending movements here as there, and the
closing books them once, one item per member.
"""
import logging

from odoo.addons.account_customer_wallet import switch

_logger = logging.getLogger(__name__)

# A wallet payment method identifies the customer: the closing books each
# member's wallet payments on their wallet.
SPLIT_WALLET_METHODS = """
    UPDATE pos_payment_method method
       SET split_transactions = TRUE
     WHERE method.is_customer_wallet_method
       AND NOT COALESCE(method.split_transactions, FALSE)
 RETURNING method.name
"""

# Such a journal becomes a bank journal: no cash count, no cash drawer.
BANK_JOURNALS = """
    UPDATE account_journal SET type = 'bank' WHERE id = ANY(%(journals)s)
"""
NOT_CASH_COUNT = """
    UPDATE pos_payment_method
       SET is_cash_count = FALSE
     WHERE journal_id = ANY(%(journals)s)
"""


def check_cash_journals(cr):
    """Convert the cash journals of wallet payment methods to bank journals.

    account_customer_wallet's pre-migration refused the switch already while
    a session using one is open (before any write); checked again here.

    :return: the names of the converted journals
    """
    rows = switch.check_cash_wallet_methods(cr)
    journals = sorted({row[2] for row in rows})
    names = sorted({switch._jsonb_name(row[3]) for row in rows})
    if journals:
        cr.execute(BANK_JOURNALS, {"journals": journals})
        cr.execute(NOT_CASH_COUNT, {"journals": journals})
        _logger.warning(
            "customer wallet: the wallet journals %s are now bank journals",
            ", ".join(names),
        )
    return names


def pre_migrate(cr, version):
    """Wallet payment methods that identify the customer, on bank journals,
    in a database that comes from Coop IT Easy's modules (the mark that
    account_customer_wallet's pre-migration left); nothing elsewhere.

    :return: (names of the methods now identifying the customer, names of
        the journals converted to bank journals)
    """
    cr.execute(switch.POP_SWITCH_MARK)
    if not cr.fetchall():
        return [], []
    journals = check_cash_journals(cr)
    cr.execute(SPLIT_WALLET_METHODS)
    methods = [switch._jsonb_name(row[0]) for row in cr.fetchall()]
    if methods:
        _logger.warning(
            "customer wallet: the wallet payment methods %s now identify the "
            "customer",
            ", ".join(methods),
        )
    return methods, journals
